using Clawker.Docker.Ssh;
using System.Globalization;
using System.Net.Sockets;
using Docker.DotNet;

namespace Clawker.Docker;

/// <summary>
/// A connected Docker engine: the Docker.DotNet client for one endpoint, checked to speak
/// Engine API 1.41 or newer. Create one with <see cref="ConnectAsync(DockerEndpointOptions?, CancellationToken)"/>
/// and share it; dispose it when done.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    /// <summary>The oldest Engine API clawker works with (Docker 20.10, podman 4).</summary>
    public static readonly Version MinimumApiVersion = new(1, 41);

    /// <summary>
    /// Where <see cref="ConnectAsync(DockerEndpointOptions?, CancellationToken)"/> would connect, without
    /// connecting: the host option, then <c>DOCKER_HOST</c>, the docker context, the default socket and
    /// the rootless Docker and podman sockets, as the docker CLI looks (docs/docker.md).
    /// </summary>
    /// <param name="options">Where to look; <see langword="null"/> for the process environment.</param>
    /// <returns>The endpoint and why it was chosen.</returns>
    /// <exception cref="DockerEngineException">Of kind <see cref="DockerEngineErrorKind.Unreachable"/> (CLAWKER2001): the address is malformed, or the chosen context is missing or unreadable.</exception>
    public static DockerEndpoint ResolveEndpoint(DockerEndpointOptions? options = null) => DockerEndpointResolver.Resolve(options);

    private readonly DockerClient _client;
    private readonly TlsSession? _tls;

    private DockerEngine(DockerClient client, TlsSession? tls, DockerEndpoint endpoint, string apiVersion, string engineVersion, TimeSpan requestTimeout)
    {
        _client = client;
        _tls = tls;
        Endpoint = endpoint;
        ApiVersion = apiVersion;
        EngineVersion = engineVersion;
        RequestTimeout = requestTimeout;
    }

    /// <summary>Whether the engine is podman (its <c>/_ping</c> says Libpod, or its <c>/version</c> names a "Podman Engine" component): where its compat API differs.</summary>
    internal bool IsPodman { get; private init; }

    /// <summary>What the engine's <c>/_ping</c> said at the connect (the builder choice reads it).</summary>
    internal EnginePing Ping { get; private init; } = EnginePing.None;

    /// <summary>The engine's address and how it was chosen.</summary>
    public DockerEndpoint Endpoint { get; }

    /// <summary>
    /// The Docker.DotNet client. Requests carry no API version in their path, so the engine
    /// answers in its own (newest) version; see docs/docker.md. Prefer
    /// <see cref="InvokeAsync{T}(Func{IDockerClient, CancellationToken, Task{T}}, CancellationToken)"/> so failures become clawker's coded exceptions.
    /// </summary>
    public IDockerClient Client => _client;

    /// <summary>The Engine API version the engine reported, for example <c>1.41</c>.</summary>
    public string ApiVersion { get; }

    /// <summary>The engine's own version, for example <c>20.10.24</c>.</summary>
    public string EngineVersion { get; }

    /// <summary>The bound of each call made through <c>InvokeAsync</c> unless it passes its own.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>
    /// Resolves the endpoint (<see cref="ResolveEndpoint"/>), connects, and checks
    /// the engine's API version, all within <see cref="DockerEndpointOptions.ConnectTimeout"/>.
    /// </summary>
    /// <param name="options">Endpoint and timeouts; <see langword="null"/> for the docker CLI's defaults.</param>
    /// <param name="cancellationToken">Cancels the call (an <see cref="OperationCanceledException"/>, not a coded error).</param>
    /// <exception cref="DockerEngineException">Of kind <see cref="DockerEngineErrorKind.Unreachable"/> (CLAWKER2001), <see cref="DockerEngineErrorKind.PermissionDenied"/> (CLAWKER2003) or <see cref="DockerEngineErrorKind.ApiTooOld"/> (CLAWKER2004).</exception>
    public static Task<DockerEngine> ConnectAsync(DockerEndpointOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DockerEndpointOptions();
        return ConnectAsync(DockerEndpointResolver.Resolve(options), options, cancellationToken);
    }

    /// <summary>Connects to an endpoint already resolved, and checks its API version.</summary>
    /// <param name="endpoint">The engine to connect to.</param>
    /// <param name="options">Timeouts and environment; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="DockerEngineException">CLAWKER2001, CLAWKER2003 or CLAWKER2004.</exception>
    public static Task<DockerEngine> ConnectAsync(DockerEndpoint endpoint, DockerEndpointOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new DockerEndpointOptions();
        // ssh first, from a method that loads nothing of Docker.DotNet (the one below does): its
        // handshake then overlaps loading and compiling the client. Not for a call already cancelled.
        var ssh = SshTransport.IsSsh(endpoint) && !cancellationToken.IsCancellationRequested ? StartSsh(endpoint, options, cancellationToken) : null;
        return ConnectCoreAsync(endpoint, options, ssh, cancellationToken);
    }

    // A failure here (an unusable address, a timeout Task.Delay refuses) is reported by the connect
    // itself, in its Task, as before.
    private static SshDialer? StartSsh(DockerEndpoint endpoint, DockerEndpointOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return SshDialer.Start(endpoint, options, cancellationToken);
        }
#pragma warning disable CA1031 // Whatever it was, the connect meets it again where it is reported (the dialer ended its process).
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static async Task<DockerEngine> ConnectCoreAsync(DockerEndpoint endpoint, DockerEndpointOptions options, SshDialer? ssh, CancellationToken cancellationToken)
    {
        // A missing socket is the commonest failure; say so at once instead of after a connect attempt.
        if (endpoint.SocketPath is { } socket && !options.Environment.FileExists(socket))
        {
            throw EngineErrors.SocketMissing(endpoint);
        }

        if (endpoint.SocketPath is { } socketPath)
        {
            await ProbeSocketAsync(endpoint, socketPath, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }

        var (client, tls) = await EngineTransport.CreateAsync(endpoint, options, ssh, cancellationToken).ConfigureAwait(false);
        try
        {
            var (ping, apiVersion, engineVersion, isPodman) = await RunBoundedAsync(
                endpoint, tls, options.ConnectTimeout, ct => IdentifyAsync(client, endpoint, ct), cancellationToken).ConfigureAwait(false);
            if (!IsSupported(apiVersion))
            {
                throw EngineErrors.ApiTooOld(endpoint, apiVersion, engineVersion);
            }

            if (tls is not null)
            {
                tls.Established = true;
            }

            return new DockerEngine(client, tls, endpoint, apiVersion, engineVersion, options.RequestTimeout)
            {
                IsPodman = isPodman,
                Ping = ping,
            };
        }
        catch
        {
            client.Dispose();
            tls?.Dispose();
            throw;
        }
    }

    // One decision: the ping's headers when they say it all (dockerd and podman send them), else
    // /version, as an engine or proxy without them needs (or one whose ping fails with an HTTP
    // status, as the docker CLI carries on then); both within the one connect bound.
    private static async Task<(EnginePing Ping, string ApiVersion, string EngineVersion, bool IsPodman)> IdentifyAsync(
        DockerClient client, DockerEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            await client.System.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException || (e is EngineAnswerException { Redirect: true }))
        {
            // A proxy that does not serve the ping (docker-socket-proxy's PING=0), or sends it elsewhere: /version decides.
        }

        var ping = EngineCall.Current?.Ping ?? EnginePing.None;
        if (ping.Identifies)
        {
            return (ping, ping.ApiVersion, ping.ServerVersion, ping.IsPodman);
        }

        var version = await client.System.GetVersionAsync(cancellationToken).ConfigureAwait(false)
            ?? throw EngineErrors.Malformed(endpoint, "GET /version", "an empty answer (null)");
        var apiVersion = EngineText.Excerpt(version.APIVersion, 40) is { Length: > 0 } api ? api : "unknown";
        var engineVersion = EngineText.Excerpt(version.Version, 40) is { Length: > 0 } engine ? engine : "unknown";
        var podman = ping.IsPodman || version.Components?.Any(c => c?.Name?.StartsWith("Podman", StringComparison.Ordinal) == true) == true;
        return (ping, apiVersion, engineVersion, podman);
    }

    /// <summary>Whether an engine reporting <paramref name="apiVersion"/> is new enough.</summary>
    /// <param name="apiVersion">The engine's API version (its <c>/_ping</c>'s <c>Api-Version</c>, or its <c>/version</c>'s <c>ApiVersion</c>), for example <c>1.41</c>.</param>
    public static bool IsSupported(string apiVersion) =>
        Version.TryParse(apiVersion, out var version) && version >= MinimumApiVersion;

    /// <summary>
    /// Runs one or more requests against <see cref="Client"/>, bounded by <see cref="RequestTimeout"/>,
    /// turning transport and API failures into coded exceptions.
    /// </summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="request">The request(s), given the client and a token that carries the timeout.</param>
    /// <param name="cancellationToken">Cancels the call (an <see cref="OperationCanceledException"/>, not a coded error).</param>
    /// <exception cref="DockerEngineException">CLAWKER2001, CLAWKER2003 or CLAWKER2005.</exception>
    public Task<T> InvokeAsync<T>(Func<IDockerClient, CancellationToken, Task<T>> request, CancellationToken cancellationToken = default) =>
        InvokeAsync(request, RequestTimeout, cancellationToken);

    /// <summary>
    /// Runs one or more requests against <see cref="Client"/>, bounded by <paramref name="timeout"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> for long streams such as image builds), turning
    /// transport and API failures into coded exceptions.
    /// </summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="request">The request(s), given the client and a token that carries the timeout.</param>
    /// <param name="timeout">The bound of the whole call.</param>
    /// <param name="cancellationToken">Cancels the call (an <see cref="OperationCanceledException"/>, not a coded error).</param>
    /// <exception cref="DockerEngineException">CLAWKER2001, CLAWKER2003 or CLAWKER2005.</exception>
    public Task<T> InvokeAsync<T>(Func<IDockerClient, CancellationToken, Task<T>> request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunBoundedAsync(Endpoint, _tls, timeout, ct => request(_client, ct), cancellationToken);
    }

    /// <summary>Disposes the client and its connections.</summary>
    public void Dispose()
    {
        _client.Dispose();
        _tls?.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Docker engine {EngineVersion} (API {ApiVersion}) at {Endpoint}");

    private static async Task<T> RunBoundedAsync<T>(DockerEndpoint endpoint, TlsSession? tls, TimeSpan timeout, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var call = EngineCall.Begin();
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            bounded.CancelAfter(timeout);
        }

        try
        {
            return await request(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our bound, or Docker.DotNet's own per-request timeout (the same length, it may fire first).
            throw EngineErrors.TimedOut(endpoint, timeout, ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && EngineErrors.Translate(ex, endpoint, timeout, call.LastRequest, tls) is { } coded && coded != ex)
        {
            throw coded;
        }
    }

    // A bare connect before building the HTTP client: a refused or forbidden socket fails in
    // about a millisecond instead of after loading and JIT-compiling the whole client.
    private static Task<bool> ProbeSocketAsync(DockerEndpoint endpoint, string socketPath, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunBoundedAsync(endpoint, tls: null, timeout, async ct =>
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
