namespace Clawker.Docker;

/// <summary>How an engine endpoint was chosen, in the docker CLI's order of precedence.</summary>
public enum DockerEndpointSource
{
    /// <summary>The caller's explicit host option.</summary>
    HostOption,

    /// <summary>The <c>DOCKER_HOST</c> environment variable.</summary>
    DockerHostVariable,

    /// <summary>A docker context named by <c>DOCKER_CONTEXT</c>.</summary>
    DockerContextVariable,

    /// <summary>The <c>currentContext</c> of the docker CLI's <c>config.json</c>.</summary>
    CurrentContext,

    /// <summary>The platform's default socket (<c>/var/run/docker.sock</c>, or Windows' named pipe).</summary>
    DefaultSocket,

    /// <summary>Rootless Docker's socket, <c>$XDG_RUNTIME_DIR/docker.sock</c>, used because the default one is absent.</summary>
    RootlessDockerSocket,

    /// <summary>Podman's Docker-compatible socket, used because no Docker socket exists.</summary>
    PodmanSocket,
}
