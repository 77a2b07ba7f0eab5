using Clawker.Diagnostics;

namespace Clawker.Docker;

/// <summary>CLAWKER2004: the engine speaks an API older than <see cref="DockerEngine.MinimumApiVersion"/>.</summary>
public sealed class DockerApiTooOldException : DockerEngineException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The engine.</param>
    /// <param name="apiVersion">The API version the engine reported.</param>
    /// <param name="message">What was wrong, where, and how to fix it.</param>
    public DockerApiTooOldException(DockerEndpoint endpoint, string apiVersion, string message)
        : base(ErrorCodes.EngineApiTooOld, endpoint, message)
    {
        ApiVersion = apiVersion;
    }

    /// <summary>The API version the engine reported, for example <c>1.40</c>.</summary>
    public string ApiVersion { get; }
}
