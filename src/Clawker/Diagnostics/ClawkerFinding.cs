namespace Clawker.Diagnostics;

/// <summary>A coded finding, already classified by <see cref="ClawkerPolicies"/>: the surfaces only relay it.</summary>
/// <param name="Policy">What it does to the build: warn, fail, or note it quietly.</param>
/// <param name="Code">The stable code from <see cref="ErrorCodes"/>.</param>
/// <param name="Message">What it means, where, and what to do; never secret material.</param>
public sealed record ClawkerFinding(ClawkerPolicy Policy, string Code, string Message)
{
    /// <summary>Whether the finding fails the build.</summary>
    public bool IsError => Policy == ClawkerPolicy.Error;

    /// <summary>The finding as the logs show it: <c>CODE: message</c>.</summary>
    /// <returns>The coded message.</returns>
    public override string ToString() => $"{Code}: {Message}";
}
