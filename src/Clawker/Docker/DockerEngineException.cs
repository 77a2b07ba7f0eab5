using Clawker.Diagnostics;

namespace Clawker.Docker;

/// <summary>A failure talking to the Docker engine; <see cref="Endpoint"/> says which engine and how it was chosen.</summary>
public abstract class DockerEngineException : ClawkerException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The stable code from <see cref="ErrorCodes"/>.</param>
    /// <param name="endpoint">The engine, or <see langword="null"/> when none could be chosen.</param>
    /// <param name="message">What was wrong, where, and how to fix it (already naming the endpoint).</param>
    /// <param name="innerException">The underlying failure.</param>
    protected DockerEngineException(string code, DockerEndpoint? endpoint, string message, Exception? innerException = null)
        : base(code, message, innerException)
    {
        Endpoint = endpoint;
    }

    /// <summary>The engine the failure happened at; <see langword="null"/> when the endpoint itself could not be chosen.</summary>
    public DockerEndpoint? Endpoint { get; }
}
