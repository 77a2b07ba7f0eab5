using Clawker.Keyring;

namespace Clawker.Diagnostics;

/// <summary>
/// The policies a caller chose, and the one rule that classifies findings against them: a coded
/// failure is an error unless a policy governs its code (not found, refreshable, engine
/// unreachable); a credential finding is a warning unless a policy governs it.
/// </summary>
public sealed record ClawkerPolicies
{
    /// <summary>The defaults: a missing or refreshable login warns; an unreachable engine fails.</summary>
    public static readonly ClawkerPolicies Default = new();

    /// <summary>What a missing Claude Code login (<c>CLAWKER1001</c>) does. Default <see cref="ClawkerPolicy.Warning"/>.</summary>
    public ClawkerPolicy CredentialNotFound { get; init; } = ClawkerPolicy.Warning;

    /// <summary>What an expired access token with a refresh token (<c>CLAWKER1005</c>) does. Default <see cref="ClawkerPolicy.Warning"/>.</summary>
    public ClawkerPolicy CredentialRefreshable { get; init; } = ClawkerPolicy.Warning;

    /// <summary>What an unreachable Docker engine (<c>CLAWKER2001</c>, or <c>CLAWKER2016</c> for an ssh host) does. Default <see cref="ClawkerPolicy.Error"/>: a step that needs the engine must not pass without it.</summary>
    public ClawkerPolicy EngineUnreachable { get; init; } = ClawkerPolicy.Error;

    /// <summary>Classifies a coded failure: its policy when one governs its code, else <see cref="ClawkerPolicy.Error"/>.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The finding.</returns>
    public ClawkerFinding Classify(ClawkerException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new ClawkerFinding(PolicyFor(failure.Code) ?? ClawkerPolicy.Error, failure.Code, failure.Message);
    }

    /// <summary>Classifies a finding about a usable login: its policy when one governs it, else <see cref="ClawkerPolicy.Warning"/>.</summary>
    /// <param name="finding">The finding.</param>
    /// <param name="source">Where the login was read, for the message.</param>
    /// <returns>The classified finding.</returns>
    public ClawkerFinding Classify(CredentialFinding finding, string source)
    {
        var code = CredentialFindings.CodeFor(finding);
        return new ClawkerFinding(PolicyFor(code) ?? ClawkerPolicy.Warning, code, CredentialFindings.Describe(finding, source));
    }

    /// <summary>Whether a policy lets <paramref name="failure"/> pass (so the caller goes on without its result).</summary>
    /// <param name="failure">The failure.</param>
    /// <returns><see langword="true"/> when its policy is Warning or Ignore.</returns>
    public bool Tolerates(ClawkerException failure) => !Classify(failure).IsError;

    private ClawkerPolicy? PolicyFor(string code) => code switch
    {
        ErrorCodes.CredentialNotFound => CredentialNotFound,
        ErrorCodes.CredentialExpiredRefreshable => CredentialRefreshable,
        // An ssh host that cannot be reached is an unreachable engine too.
        ErrorCodes.EngineUnreachable or ErrorCodes.SshConnectFailed => EngineUnreachable,
        _ => null,
    };
}
