using Clawker.Diagnostics;

namespace Clawker.Keyring;

/// <summary>
/// <see cref="ClaudeCodeCredentials.CheckAsync"/> with its findings classified against the
/// caller's <see cref="ClawkerPolicies"/>: a login not found is a finding too (under
/// <see cref="ClawkerPolicies.CredentialNotFound"/>), so the surfaces only relay
/// <see cref="Findings"/>. Every other failure is thrown, as <c>CheckAsync</c> throws it.
/// </summary>
public sealed class CredentialValidation
{
    private CredentialValidation(CredentialCheckResult? result, string source, IReadOnlyList<ClawkerFinding> findings)
    {
        Result = result;
        Source = source;
        Findings = findings;
    }

    /// <summary>The check's result; <see langword="null"/> when no login was found.</summary>
    public CredentialCheckResult? Result { get; }

    /// <summary>Whether a login was found (or an environment variable makes one unnecessary).</summary>
    public bool Found => Result is not null;

    /// <summary>Where the login was read, or where it was looked for when not found.</summary>
    public string Source { get; }

    /// <summary>The findings, in order, each with the policy that applies to it.</summary>
    public IReadOnlyList<ClawkerFinding> Findings { get; }

    /// <summary>Checks the login and classifies what it found.</summary>
    /// <param name="options">How to read the login.</param>
    /// <param name="policies">The policies; <see cref="ClawkerPolicies.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The result and its classified findings.</returns>
    /// <exception cref="CredentialException">Any failure other than not found (CLAWKER1002-1004, 1006, 1007).</exception>
    public static async Task<CredentialValidation> RunAsync(CredentialCheckOptions options, ClawkerPolicies? policies = null, CancellationToken cancellationToken = default)
    {
        policies ??= ClawkerPolicies.Default;
        try
        {
            var result = await ClaudeCodeCredentials.CheckAsync(options, cancellationToken).ConfigureAwait(false);
            return new CredentialValidation(result, result.Source, [.. result.Findings.Select(f => policies.Classify(f, result.Source))]);
        }
        catch (CredentialException notFound) when (notFound.Code == ErrorCodes.CredentialNotFound)
        {
            return new CredentialValidation(null, notFound.Store, [policies.Classify(notFound)]);
        }
    }
}
