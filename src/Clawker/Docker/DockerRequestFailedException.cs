using System.Net;
using Clawker.Diagnostics;

namespace Clawker.Docker;

/// <summary>CLAWKER2005: the engine answered a request with an error (for example a full disk or a broken volume driver).</summary>
public sealed class DockerRequestFailedException : DockerEngineException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The engine.</param>
    /// <param name="statusCode">The HTTP status the engine answered with.</param>
    /// <param name="message">What was wrong, where, and how to fix it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public DockerRequestFailedException(DockerEndpoint endpoint, HttpStatusCode statusCode, string message, Exception? innerException = null)
        : base(ErrorCodes.EngineRequestFailed, endpoint, message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the engine answered with.</summary>
    public HttpStatusCode StatusCode { get; }
}
