using System.Globalization;

namespace Clawker.Keyring;

/// <summary>
/// What <see cref="ClaudeCodeCredentials.CheckAsync"/> found: a usable login and where it came
/// from, or the environment variable that makes the stored login irrelevant. Safe to print:
/// no member's <c>ToString()</c> shows a token.
/// </summary>
public sealed class CredentialCheckResult
{
    internal CredentialCheckResult(
        string source,
        string? overriddenBy,
        StoredCredential<ClaudeCodeCredential>? stored,
        IReadOnlyList<CredentialFinding> findings,
        IReadOnlyList<string> notes)
    {
        Source = source;
        OverriddenBy = overriddenBy;
        Credential = stored?.Value;
        RawBlob = stored?.Raw;
        Findings = findings;
        Notes = notes;
    }

    /// <summary>Where the login was read ("Secret Service (service '…', user '…')", "file /home/…/.credentials.json"), the overriding variable ("environment variable ANTHROPIC_API_KEY"), or the apiKeyHelper ("the apiKeyHelper in /…/settings.json (command: …; not run …)"; never its command).</summary>
    public string Source { get; }

    /// <summary>
    /// What makes Claude Code ignore the stored login, when something does: an environment variable's name, or
    /// <c>apiKeyHelper</c> when a settings file sets one (then <see cref="Source"/> names the file and whether it ran).
    /// No store was read.
    /// </summary>
    public string? OverriddenBy { get; }

    /// <summary>Whether an environment variable makes the stored login irrelevant.</summary>
    public bool IsOverridden => OverriddenBy is not null;

    /// <summary>The typed login; <see langword="null"/> when overridden.</summary>
    public ClaudeCodeCredential? Credential { get; }

    /// <summary>The stored JSON verbatim, for passing on unchanged; <see langword="null"/> when overridden.</summary>
    public SecretBlob? RawBlob { get; }

    /// <summary>When the access token expires, when stated.</summary>
    public DateTimeOffset? ExpiresAt => Credential?.ExpiresAt;

    /// <summary>pro, max, team, enterprise, <c>unrecognised</c> for any other stored value, or <see langword="null"/> when not stated (<see cref="ClaudeCodeCredential.ShownSubscriptionType"/>).</summary>
    public string? SubscriptionType => Credential?.ShownSubscriptionType;

    /// <summary>Warnings about a usable login (<see cref="Clawker.Diagnostics.ClawkerPolicies.Classify(CredentialFinding, string)"/> gives each its code, severity and message).</summary>
    public IReadOnlyList<CredentialFinding> Findings { get; }

    /// <summary>Informational: why earlier sources were passed over (for example the keyring was unavailable), and how the store chose the item (for example among duplicates).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>A one-line summary without tokens.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        if (OverriddenBy is not null)
        {
            return $"Claude Code will not use a stored login: {OverrideText(OverriddenBy, Source)}";
        }

        var expires = ExpiresAt?.ToString("u", CultureInfo.InvariantCulture) ?? "not stated";
        var findings = Findings.Count == 0 ? "none" : string.Join(", ", Findings);
        return $"Claude Code login from {Source} (subscription {SubscriptionType ?? "none stated"}, expires {expires}, findings {findings})";
    }

    /// <summary>Why Claude Code ignores the stored login, as the surfaces say it: "ANTHROPIC_API_KEY is set", or "it uses the apiKeyHelper in … (…)".</summary>
    /// <param name="overriddenBy">The variable's name, or <c>apiKeyHelper</c>.</param>
    /// <param name="source">The result's source.</param>
    /// <returns>The text.</returns>
    public static string OverrideText(string overriddenBy, string source) =>
        overriddenBy == ApiKeyHelperCheck.OverrideName ? $"it uses {source}" : $"{overriddenBy} is set";
}
