using Clawker.Diagnostics;

namespace Clawker.Keyring;

/// <summary>Something worth a warning about a usable credential; not an error by itself.</summary>
public enum CredentialFinding
{
    /// <summary>The access token has expired, but a refresh token lets Claude Code renew it on first use (<c>CLAWKER1005</c>).</summary>
    ExpiredButRefreshable,

    /// <summary>The scopes are stated and lack <c>user:inference</c>, so the login cannot call the model (<c>CLAWKER1008</c>).</summary>
    ScopeMissingInference,
}

/// <summary>Codes and messages of <see cref="CredentialFinding"/>s.</summary>
internal static class CredentialFindings
{
    /// <summary>The stable code of <paramref name="finding"/>.</summary>
    /// <param name="finding">The finding.</param>
    /// <returns>The code from <see cref="ErrorCodes"/>.</returns>
    public static string CodeFor(CredentialFinding finding) => finding switch
    {
        CredentialFinding.ExpiredButRefreshable => ErrorCodes.CredentialExpiredRefreshable,
        CredentialFinding.ScopeMissingInference => ErrorCodes.CredentialScopeMissing,
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, "Unknown finding."),
    };

    /// <summary>A message for <paramref name="finding"/> about the credential from <paramref name="source"/>.</summary>
    /// <param name="finding">The finding.</param>
    /// <param name="source">Where the credential was read.</param>
    /// <returns>What it means and what to do.</returns>
    public static string Describe(CredentialFinding finding, string source) => finding switch
    {
        CredentialFinding.ExpiredButRefreshable => $"The Claude Code access token in {source} has expired; Claude Code will refresh it with its refresh token on first use. Run 'claude' once to refresh it now.",
        CredentialFinding.ScopeMissingInference => $"The Claude Code login in {source} lacks the '{ClaudeCodeCredential.InferenceScope}' scope, so it cannot call the model. Log in again with 'claude' using a Claude subscription account.",
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, "Unknown finding."),
    };
}
