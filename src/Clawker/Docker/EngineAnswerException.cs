namespace Clawker.Docker;

/// <summary>
/// Raised inside the HTTP pipeline when an engine's answer breaks a bound (too large, a message
/// without end, a stall mid-answer). An <see cref="IOException"/> so Docker.DotNet and HttpClient
/// pass it through; <see cref="EngineErrors.Translate"/> turns it into a coded exception. Its
/// message is clawker's own words only, never engine content (but for where a redirect pointed:
/// scheme, host and path, percent-encoded, without user info or query).
/// </summary>
/// <param name="request">The request, for example <c>GET /version</c>.</param>
/// <param name="problem">What was wrong with the answer, in clawker's words.</param>
/// <param name="stalled">Whether the engine stopped answering (a timeout) rather than answering badly.</param>
/// <param name="redirect">Whether the answer was a redirect (not followed).</param>
internal sealed class EngineAnswerException(string request, string problem, bool stalled = false, bool redirect = false)
    : IOException($"{request}: {problem}")
{
    public string Request => request;

    public string Problem => problem;

    public bool Stalled => stalled;

    /// <summary>The answer was a redirect (not followed).</summary>
    public bool Redirect => redirect;
}
