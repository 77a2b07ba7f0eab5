using Clawker.Diagnostics;

namespace Clawker.Docker;

/// <summary>CLAWKER2003: the engine's socket refused this user.</summary>
public sealed class DockerPermissionDeniedException : DockerEngineException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The engine whose socket refused the user.</param>
    /// <param name="message">What was wrong, where, and how to fix it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public DockerPermissionDeniedException(DockerEndpoint endpoint, string message, Exception? innerException = null)
        : base(ErrorCodes.EnginePermissionDenied, endpoint, message, innerException)
    {
    }
}
