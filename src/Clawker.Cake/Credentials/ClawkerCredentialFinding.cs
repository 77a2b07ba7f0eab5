namespace Clawker.Cake.Credentials;

/// <summary>A warning about the login that did not fail the build (the policy said so, or it is always a warning).</summary>
/// <param name="Code">The stable code, for example <c>CLAWKER1005</c>.</param>
/// <param name="Message">What it means, where, and what to do. Never holds a token.</param>
public sealed record ClawkerCredentialFinding(string Code, string Message)
{
    /// <summary>The finding as the log shows it: <c>CODE: message</c>.</summary>
    public override string ToString() => $"{Code}: {Message}";
}
