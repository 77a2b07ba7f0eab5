namespace Clawker.Cake.Volumes;

/// <summary>
/// Settings of <c>ClawkerEnsureGlobalsVolume</c> and
/// <c>ClawkerEnsureVolume</c>: which Docker engine to use and how long to wait.
/// </summary>
public sealed class ClawkerVolumeSettings
{
    /// <summary>
    /// The engine address (<c>unix:///path</c>, <c>tcp://host:port</c>, <c>npipe://...</c>). Unset: <c>DOCKER_HOST</c>,
    /// then <c>DOCKER_CONTEXT</c> / the current docker context, then the default socket, as the docker CLI does.
    /// MSBuild: <c>ClawkerDockerHost</c>.
    /// </summary>
    public string? DockerHost { get; set; }

    /// <summary>Bound on connecting and the first exchange with the engine; unset means 5 seconds.</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>Bound on each later API request; unset means 30 seconds.</summary>
    public TimeSpan? RequestTimeout { get; set; }
}
