namespace Clawker.Docker;

/// <summary>
/// Raised inside the HTTP pipeline when an engine's answer breaks a bound (too large, a message
/// without end, a stall mid-answer). An <see cref="IOException"/> so Docker.DotNet and HttpClient
/// pass it through; <see cref="EngineErrors.Translate"/> turns it into a coded exception. Its
/// message is clawker's own words only, never engine content.
/// </summary>
internal sealed class EngineAnswerException : IOException
{
    public EngineAnswerException(string request, string problem, bool stalled = false)
        : base($"{request}: {problem}")
    {
        Request = request;
        Problem = problem;
        Stalled = stalled;
    }

    /// <summary>The request, for example <c>GET /version</c>.</summary>
    public string Request { get; }

    /// <summary>What was wrong with the answer, in clawker's words.</summary>
    public string Problem { get; }

    /// <summary>Whether the engine stopped answering (a timeout) rather than answering badly.</summary>
    public bool Stalled { get; }
}
