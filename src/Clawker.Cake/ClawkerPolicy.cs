namespace Clawker.Cake;

/// <summary>
/// What a finding that need not stop every build does to this one. Same values as the MSBuild
/// properties <c>ClawkerCredentialNotFound</c> and <c>ClawkerCredentialRefreshable</c>.
/// </summary>
public enum ClawkerPolicy
{
    /// <summary>Log a warning that starts with the finding's code, and go on.</summary>
    Warning,

    /// <summary>Fail: throw a <c>CakeException</c> whose message starts with the finding's code.</summary>
    Error,

    /// <summary>Log it at verbose level only, and go on.</summary>
    Ignore,
}
