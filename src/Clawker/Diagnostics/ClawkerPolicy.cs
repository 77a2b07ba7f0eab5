namespace Clawker.Diagnostics;

/// <summary>
/// What a finding that need not stop every build does to this one: the one policy type of the
/// library, the MSBuild properties (<c>ClawkerCredentialNotFound</c>, ...) and the Cake settings.
/// </summary>
public enum ClawkerPolicy
{
    /// <summary>A warning that starts with the finding's code; the build goes on.</summary>
    Warning,

    /// <summary>A failure: an MSBuild error, a Cake exception, whose message starts with the code.</summary>
    Error,

    /// <summary>A low-importance (MSBuild) or verbose (Cake) message only; the build goes on.</summary>
    Ignore,
}
