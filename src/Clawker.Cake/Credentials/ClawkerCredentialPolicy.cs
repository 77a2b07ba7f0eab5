namespace Clawker.Cake.Credentials;

/// <summary>
/// What a credential finding does to the build. Same values as the MSBuild properties
/// <c>ClawkerCredentialNotFound</c> and <c>ClawkerCredentialRefreshable</c>.
/// </summary>
public enum ClawkerCredentialPolicy
{
    /// <summary>Log a warning with the finding's code and go on (the default).</summary>
    Warning,

    /// <summary>Fail: throw a <c>CakeException</c> whose message starts with the finding's code.</summary>
    Error,

    /// <summary>Say nothing (verbose log only) and go on.</summary>
    Ignore,
}
