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
    public static async Task<(DockerClient Client, TlsSession? Tls)> CreateAsync(DockerEndpoint endpoint, DockerEndpointOptions options, CancellationToken cancellationToken)
    {
        var tls = endpoint.Tls is { } settings
            ? await TlsMaterial.LoadAsync(endpoint, settings, options.ConnectTimeout, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            // Nothing (no ssh process) is started for a call already cancelled.
            cancellationToken.ThrowIfCancellationRequested();
            return (Build(endpoint, options, tls, cancellationToken), tls);
        }
        catch
        {
            tls?.Dispose();
            throw;
        }
    }

    private static DockerClient Build(DockerEndpoint endpoint, DockerEndpointOptions options, TlsSession? tls, CancellationToken cancellationToken)
    {
        // Hand Docker.DotNet our endpoint through its own settings type, so it never reads the
        // process environment itself (which would ignore the injected environment).
        var bound = options.RequestTimeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : Max(options.RequestTimeout, options.ConnectTimeout);
        // ssh:// engines: requests go to a placeholder address, each connection is an ssh process.
        var address = SshTransport.IsSsh(endpoint) ? SshTransport.RequestBase : endpoint.Uri;
        var builder = new DockerClientBuilder(new DockerConfig(new FixedCliSettings(address)))
            .WithEndpoint(address)
            .WithTimeout(bound);
        // Every answer is read with bounds (size, stalls); tests may wrap that again.
        var wrap = options.WrapHandler;
        builder = builder.WithAuthProvider(new WrappingAuthProvider(tls is not null, handler =>
        {
            HttpMessageHandler bounded = new BoundedResponseHandler(bound) { InnerHandler = handler };
            return wrap is null ? bounded : wrap(bounded);
        }));

        if (SshTransport.IsSsh(endpoint))
        {
            builder = WithSsh(builder, endpoint, options, cancellationToken);
        }
        else if (tls is not null)
        {
            builder = WithTls(builder, options, tls);
        }

        return builder.Build();
    }

    // Methods of their own, never inlined: Docker.DotNet.NativeHttp is loaded only when TLS or ssh
    // is used (a unix socket, the `dotnet run` hook's usual engine, never binds it).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The derived return type would name NativeHttp in the caller and load it.")]
    private static DockerClientBuilder WithSsh(DockerClientBuilder builder, DockerEndpoint endpoint, DockerEndpointOptions options, CancellationToken cancellationToken) =>
        builder.WithTransportOptions(SshTransport.Options(endpoint, options, cancellationToken));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The derived return type would name NativeHttp in the caller and load it.")]
    private static DockerClientBuilder WithTls(DockerClientBuilder builder, DockerEndpointOptions options, TlsSession tls) =>
        builder.WithTransportOptions(new NativeHttpTransportOptions
        {
            ConfigureHandler = handler =>
            {
                handler.ConnectTimeout = options.ConnectTimeout;
                handler.SslOptions = tls.ClientOptions();
            },
        });

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
