using Docker.DotNet.NativeHttp;

namespace Clawker.Docker.Ssh;

/// <summary>
/// ssh:// engines: the endpoint the resolver returns, and the Docker.DotNet client whose every
/// connection is one ssh process (SocketsHttpHandler's ConnectCallback). The handler pools
/// connections, so the requests of one task or alias reuse one ssh process; disposing the engine
/// disposes the pool, which kills each process.
/// </summary>
internal static class SshTransport
{
    // What requests are addressed to; never resolved (the connect callback ignores it), as in the CLI.
    public static readonly Uri RequestBase = new("http://docker.example.com");

    /// <summary>The endpoint for an <c>ssh://</c> address; its reason names the ssh command.</summary>
    /// <exception cref="DockerEngineException">CLAWKER2013: the address is not usable.</exception>
    public static DockerEndpoint Endpoint(string address, DockerEndpointSource source, string reason)
    {
        var target = SshTarget.Parse(address, reason);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw DockerEngineException.Ssh(DockerEngineErrorKind.SshAddressInvalid, endpoint: null,
                $"The Docker engine address ({reason}) is not a usable ssh address: it is not a URI. Use ssh://[user@]host[:port][/path/to/remote/docker.sock].");
        }

        return new DockerEndpoint(uri, source, $"{reason}; through the system ssh client: {Summary(target)}");
    }

    /// <summary>Whether <paramref name="endpoint"/> is reached through ssh.</summary>
    public static bool IsSsh(DockerEndpoint endpoint) => endpoint.Uri.Scheme == "ssh";

    /// <summary>Docker.DotNet's transport over <paramref name="dialer"/>: every connection an ssh process, the first the one already started.</summary>
    public static NativeHttpTransportOptions Options(SshDialer dialer) => new()
    {
        ConfigureHandler = handler =>
        {
            handler.ConnectCallback = (_, _) => ValueTask.FromResult<Stream>(dialer.Next());
            // The connection is a process; an HTTP proxy from the environment has no place in it (nor has it in the CLI's).
            handler.UseProxy = false;
            // The requests of one task run one after another: one connection (one ssh process) serves them all.
            handler.MaxConnectionsPerServer = 4;
        },
    };

    // "ssh -l USER -p PORT -- HOST docker system dial-stdio": the options the address sets.
    private static string Summary(SshTarget target)
    {
        var parts = new List<string> { "ssh" };
        if (target.User is { } user)
        {
            parts.Add("-l " + user);
        }

        if (target.Port is { } port)
        {
            parts.Add($"-p {port}");
        }

        parts.Add("-- " + target.Host);
        parts.Add(target.RemoteCommand);
        return string.Join(' ', parts);
    }
}
