namespace Clawker.Docker;

/// <summary>
/// Chooses the engine endpoint the way the docker CLI does, then falls back to rootless
/// Docker's and podman's sockets when the default socket is absent.
/// </summary>
internal static class DockerEndpointResolver
{
    /// <summary>The platform default on Linux and macOS.</summary>
    public const string DefaultUnixSocket = "/var/run/docker.sock";

    /// <summary>The platform default on Windows.</summary>
    public const string DefaultWindowsPipe = "npipe://./pipe/docker_engine";

    /// <summary>Rootful podman's Docker-compatible socket.</summary>
    public const string RootfulPodmanSocket = "/run/podman/podman.sock";

    /// <summary>
    /// Resolves the endpoint, in this order: <see cref="DockerEndpointOptions.Host"/>;
    /// <c>DOCKER_HOST</c>; the context named by <c>DOCKER_CONTEXT</c>; <c>currentContext</c> in
    /// <c>$DOCKER_CONFIG/config.json</c> (<c>~/.docker</c> by default); the default socket; and,
    /// only when the default socket is absent, <c>$XDG_RUNTIME_DIR/docker.sock</c> (rootless Docker),
    /// <c>$XDG_RUNTIME_DIR/podman/podman.sock</c> and <c>/run/podman/podman.sock</c>.
    /// Reads files (docker's config.json and context metadata, within <see cref="DockerEndpointOptions.ConnectTimeout"/>) but never connects.
    /// </summary>
    /// <param name="options">Where to look; <see langword="null"/> for the process environment.</param>
    /// <exception cref="DockerEngineException">Of kind <see cref="DockerEngineErrorKind.Unreachable"/> (CLAWKER2001): the address is malformed, or the chosen context is missing or unreadable.</exception>
    public static DockerEndpoint Resolve(DockerEndpointOptions? options = null)
    {
        options ??= new DockerEndpointOptions();
        var env = options.Environment;
        var contexts = DockerContextStore.For(env, options.ConnectTimeout);
        // Like the docker CLI, DOCKER_TLS_VERIFY / DOCKER_TLS apply to a host given directly (or none): contexts carry their own.
        var tls = TlsSettings.FromOptions(options, contexts.ConfigDirectory);
        if (!string.IsNullOrWhiteSpace(options.Host))
        {
            return Endpoint(options.Host, DockerEndpointSource.HostOption, $"from {options.HostOptionName}", tls);
        }

        if (env.Variable("DOCKER_HOST") is { } dockerHost)
        {
            return Endpoint(dockerHost, DockerEndpointSource.DockerHostVariable, "from DOCKER_HOST", tls);
        }

        if (env.Variable("DOCKER_CONTEXT") is { } contextVariable)
        {
            if (contextVariable != DockerContextStore.DefaultContextName)
            {
                return FromContext(contexts, contextVariable, "from DOCKER_CONTEXT", DockerEndpointSource.DockerContextVariable, $"docker context '{contextVariable}' from DOCKER_CONTEXT", env);
            }
        }
        else if (contexts.ReadCurrentContext() is { } current && current != DockerContextStore.DefaultContextName)
        {
            var chosenBy = $"the current context in {contexts.ConfigFile}";
            return FromContext(contexts, current, chosenBy, DockerEndpointSource.CurrentContext, $"docker context '{current}', {chosenBy}", env);
        }

        // With TLS on and no host, the docker CLI goes to tcp://localhost:2376, not the socket.
        return tls is null
            ? DefaultOrFallback(env)
            : Endpoint($"tcp://localhost:{DockerTls.DefaultPort}", DockerEndpointSource.DefaultSocket, "the docker CLI's default with TLS on; DOCKER_HOST and docker contexts unset", tls);
    }

    private static DockerEndpoint FromContext(DockerContextStore contexts, string name, string chosenBy, DockerEndpointSource source, string reason, ClawkerEnvironment env)
    {
        var (host, skipTlsVerify) = contexts.ReadHost(name, chosenBy);
        return Endpoint(host, source, reason, contexts.Tls(name, skipTlsVerify, env.FileExists));
    }

    private static DockerEndpoint DefaultOrFallback(ClawkerEnvironment env)
    {
        if (env.IsWindows)
        {
            return Endpoint(DefaultWindowsPipe, DockerEndpointSource.DefaultSocket, "the default named pipe; DOCKER_HOST and docker contexts unset");
        }

        if (env.FileExists(DefaultUnixSocket))
        {
            return Unix(DefaultUnixSocket, DockerEndpointSource.DefaultSocket, "the default socket; DOCKER_HOST and docker contexts unset");
        }

        var candidates = new List<(string Path, DockerEndpointSource Source, string Reason)>();
        if (env.Variable("XDG_RUNTIME_DIR") is { } runtimeDir)
        {
            candidates.Add((Path.Combine(runtimeDir, "docker.sock"), DockerEndpointSource.RootlessDockerSocket, "rootless Docker's socket"));
            candidates.Add((Path.Combine(runtimeDir, "podman", "podman.sock"), DockerEndpointSource.PodmanSocket, "rootless podman's socket"));
        }

        candidates.Add((RootfulPodmanSocket, DockerEndpointSource.PodmanSocket, "podman's socket"));

        foreach (var (path, source, reason) in candidates)
        {
            if (env.FileExists(path))
            {
                return Unix(path, source, $"{reason}, because {DefaultUnixSocket} does not exist; DOCKER_HOST and docker contexts unset");
            }
        }

        var looked = string.Join(", ", candidates.Select(c => c.Path));
        return Unix(DefaultUnixSocket, DockerEndpointSource.DefaultSocket, $"the default socket; DOCKER_HOST and docker contexts unset; no socket at {looked} either");
    }

    private static string Redacted(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? string.Concat(address.AsSpan(0, scheme + 3), "***", address.AsSpan(at)) : address;
    }

    private static DockerEndpoint Unix(string path, DockerEndpointSource source, string reason) =>
        new(new Uri("unix://" + path), source, reason);

    /// <param name="address">The address as given.</param>
    /// <param name="source">Which rule chose it.</param>
    /// <param name="reason">How it was chosen, in words.</param>
    /// <param name="tls">The TLS the docker CLI would speak to a tcp:// address, or null; sockets never use it.</param>
    private static DockerEndpoint Endpoint(string address, DockerEndpointSource source, string reason, DockerTls? tls = null)
    {
        // Windows contexts store npipe:////./pipe/NAME; Uri wants npipe://./pipe/NAME.
        var trimmed = address.Trim().Replace("npipe:////./", "npipe://./", StringComparison.Ordinal);
        if (Ssh.SshTarget.IsSsh(trimmed))
        {
            return Ssh.SshTransport.Endpoint(trimmed, source, reason);
        }

        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "http" or "https" or "npipe")
        {
            if (uri.Scheme == "tcp" && tls is not null)
            {
                return new DockerEndpoint(TlsSettings.WithDefaultPort(uri), source, reason) { Tls = tls };
            }

            // The docker CLI's default port for tcp:// without TLS; Docker.DotNet would use 80.
            if (uri.Scheme == "tcp")
            {
                uri = TlsSettings.WithPort(uri, 2375);
            }

            return new DockerEndpoint(uri, source, reason);
        }

        var hint = "Use unix:///path/to/docker.sock, tcp://host:port, ssh://[user@]host[:port] or npipe://./pipe/NAME.";
        throw DockerEngineException.Unreachable(
            endpoint: null,
            $"The Docker engine address '{Redacted(trimmed)}' ({reason}) is not usable. {hint}");
    }
}
