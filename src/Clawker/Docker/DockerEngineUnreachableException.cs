using Clawker.Diagnostics;

namespace Clawker.Docker;

/// <summary>CLAWKER2001: the engine cannot be reached (socket missing, connection refused, timeout, bad address or context).</summary>
public sealed class DockerEngineUnreachableException : DockerEngineException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The engine, or <see langword="null"/> when none could be chosen.</param>
    /// <param name="message">What was wrong, where, and how to fix it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public DockerEngineUnreachableException(DockerEndpoint? endpoint, string message, Exception? innerException = null)
        : base(ErrorCodes.EngineUnreachable, endpoint, message, innerException)
    {
    }
}
