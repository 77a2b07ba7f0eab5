using Clawker.Docker.Ssh;
using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.NativeHttp;

namespace Clawker.Docker;

/// <summary>
/// The one place an endpoint becomes a Docker.DotNet client: unix sockets, named pipes and plain
/// tcp:// through Docker.DotNet's own transports; TLS through .NET's <see cref="SocketsHttpHandler"/>,
/// whose handshake honours the connect timeout and cancellation; ssh:// through one system ssh
/// process per connection (<see cref="SshTransport"/>).
/// </summary>
internal static class EngineTransport
{
    /// <summary>The client, and the TLS session it speaks (its certificates, disposed with the engine), if any.</summary>
    /// <param name="endpoint">The engine.</param>
    /// <param name="options">Timeouts, environment, the tests' wraps.</param>
    /// <param name="ssh">For an ssh endpoint, its dialer (<see cref="SshDialer.Start"/>, its first process already running).</param>
    /// <param name="cancellationToken">The connect call's.</param>
    public static async Task<(DockerClient Client, TlsSession? Tls)> CreateAsync(DockerEndpoint endpoint, DockerEndpointOptions options, SshDialer? ssh, CancellationToken cancellationToken)
    {
        if (endpoint.Tls is not null)
        {
            // Compiles the answer-reading code while the certificates load and the handshake runs.
            cancellationToken.ThrowIfCancellationRequested();
            if (endpoint.Tls.CertFile is not null)
            {
                EngineWarmUp.StartWithSystemStore();
            }
            else
            {
                EngineWarmUp.Start();
            }
        }

        var tls = endpoint.Tls is { } settings
            ? await TlsMaterial.LoadAsync(endpoint, settings, options.ConnectTimeout, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            // Nothing (no ssh process) is started for a call already cancelled.
            cancellationToken.ThrowIfCancellationRequested();
            return (Build(endpoint, options, tls, ssh, cancellationToken), tls);
        }
        catch
        {
            tls?.Dispose();
            throw;
        }
    }

    private static DockerClient Build(DockerEndpoint endpoint, DockerEndpointOptions options, TlsSession? tls, SshDialer? ssh, CancellationToken cancellationToken)
    {
        // Either one infinite is an infinite bound (Max would take -1 ms for the smaller).
        var bound = options.RequestTimeout == Timeout.InfiniteTimeSpan || options.ConnectTimeout == Timeout.InfiniteTimeSpan
            ? Timeout.InfiniteTimeSpan
            : Max(options.RequestTimeout, options.ConnectTimeout);
        if (SshTransport.IsSsh(endpoint))
        {
            return BuildSsh(ssh ?? SshDialer.Start(endpoint, options, cancellationToken), options, bound);
        }

        return tls is null
            ? Builder(endpoint.Uri, bound, tls: false, options.WrapHandler).Build()
            : BuildTls(endpoint, options, bound, tls);
    }

    // Methods of their own, never inlined: Docker.DotNet.NativeHttp is loaded only when TLS or ssh
    // is used (a unix socket, the `dotnet run` hook's usual engine, never binds it).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static DockerClient BuildSsh(SshDialer ssh, DockerEndpointOptions options, TimeSpan bound)
    {
        // ssh:// engines: requests go to a placeholder address, each connection is an ssh process
        // (the first started by the connect, before any of this loaded: see SshDialer).
        EngineWarmUp.Start();
        return Client(SshTransport.RequestBase, bound, tls: false, options.WrapHandler, SshTransport.Options(ssh));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static DockerClient BuildTls(DockerEndpoint endpoint, DockerEndpointOptions options, TimeSpan bound, TlsSession tls) =>
        Client(endpoint.Uri, bound, tls: true, options.WrapHandler, new NativeHttpTransportOptions
        {
            ConfigureHandler = handler =>
            {
                handler.ConnectTimeout = options.ConnectTimeout;
                handler.SslOptions = tls.ClientOptions();
            },
        });

    /// <summary>A Docker.DotNet client for <paramref name="address"/> over <paramref name="transport"/>, every answer read with bounds.</summary>
    internal static DockerClient Client(Uri address, TimeSpan bound, bool tls, Func<HttpMessageHandler, HttpMessageHandler>? wrap, NativeHttpTransportOptions transport) =>
        Builder(address, bound, tls, wrap).WithTransportOptions(transport).Build();

    private static DockerClientBuilder Builder(Uri address, TimeSpan bound, bool tls, Func<HttpMessageHandler, HttpMessageHandler>? wrap)
    {
        // Hand Docker.DotNet our endpoint through its own settings type, so it never reads the
        // process environment itself (which would ignore the injected environment).
        var builder = new DockerClientBuilder(new DockerConfig(new FixedCliSettings(address)))
            .WithEndpoint(address)
            .WithTimeout(bound);
        // Every answer is read with bounds (size, stalls); tests may wrap that again.
        return builder.WithAuthProvider(new WrappingAuthProvider(tls, handler =>
        {
            RefuseRedirects(handler);
            HttpMessageHandler bounded = new BoundedResponseHandler(bound) { InnerHandler = handler };
            return wrap is null ? bounded : wrap(bounded);
        }));
    }

    // An engine answers; it never sends clawker elsewhere. Followed, a redirect would replay the
    // request (a create, its body and all) to a path the answer chose; refused, it is a failed request.
    private static void RefuseRedirects(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case Microsoft.Net.Http.Client.ManagedHandler managed:
                managed.RedirectMode = Microsoft.Net.Http.Client.RedirectMode.None;
                break;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class FixedCliSettings(Uri endpoint) : IDockerCliSettings
    {
        public string? DockerConfig => null;

        public string DockerHost { get; } = endpoint.OriginalString;

        public string? DockerTlsVerify => null;

        public string? DockerContext => null;
    }

    // Docker.DotNet's only hook around its HTTP handler is the auth provider; TlsEnabled makes it speak https.
    private sealed class WrappingAuthProvider(bool tls, Func<HttpMessageHandler, HttpMessageHandler> wrap) : IAuthProvider
    {
        public bool TlsEnabled => tls;

        public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler) => wrap(handler);
    }
}
