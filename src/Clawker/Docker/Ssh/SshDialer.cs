namespace Clawker.Docker.Ssh;

/// <summary>
/// Starts the ssh processes of one engine: the first as soon as the connect knows the endpoint,
/// before any of Docker.DotNet or the HTTP stack is loaded and compiled (25-40 ms of a fresh
/// process), so ssh's handshake, hundreds of milliseconds on the wire, overlaps all of that.
/// Nothing here refers to Docker.DotNet: its assemblies load only after the first ssh runs.
/// The first process is the first connection's; if none takes it within the connect timeout, or
/// the connect is cancelled first, it is ended.
/// </summary>
internal sealed class SshDialer
{
    private readonly SshClient _client;
    private readonly SshTarget _target;
    private readonly TimeSpan _connectTimeout;
    private readonly Action<SshConnection>? _wrap;
    private SshConnection? _first;

    private SshDialer(DockerEndpoint endpoint, DockerEndpointOptions options)
    {
        _target = SshTarget.Parse(endpoint.Uri.OriginalString, endpoint.Reason);
        _client = new SshClient(options.Environment);
        _connectTimeout = options.ConnectTimeout;
        _wrap = options.WrapSshConnection;
    }

    /// <summary>A dialer for <paramref name="endpoint"/> whose first ssh process is already starting.</summary>
    /// <param name="endpoint">An ssh endpoint (<see cref="SshTransport.Endpoint"/>).</param>
    /// <param name="options">Environment (where ssh is found), the connect timeout, the tests' wrap.</param>
    /// <param name="cancellationToken">The connect call's: cancelled before the first connection takes the early process, it ends that process.</param>
    /// <exception cref="DockerEngineException">CLAWKER2013: the address is not usable.</exception>
    public static SshDialer Start(DockerEndpoint endpoint, DockerEndpointOptions options, CancellationToken cancellationToken)
    {
        var dialer = new SshDialer(endpoint, options);
        try
        {
            dialer._first = dialer.Dial();
            var bound = dialer._connectTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(30) : dialer._connectTimeout;
            _ = Task.Delay(bound, cancellationToken).ContinueWith(
                static (_, d) => ((SshDialer)d!).Take()?.Dispose(), dialer, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        catch (SshTransportException)
        {
            // Reported by the first connection, where it is translated.
        }
        catch
        {
            // Nothing holds this dialer: its process ends here, not when the GC finds its pipes.
            dialer.Take()?.Dispose();
            throw;
        }

        return dialer;
    }

    /// <summary>The early process if nobody took it yet, else a new one.</summary>
    /// <exception cref="SshTransportException">ssh cannot be started.</exception>
    public SshConnection Next() => Take() ?? Dial();

    private SshConnection? Take() => Interlocked.Exchange(ref _first, null);

    private SshConnection Dial()
    {
        var connection = SshConnection.Start(_client, _target, _connectTimeout);
        _wrap?.Invoke(connection);
        return connection;
    }
}
