namespace Clawker.Docker;

/// <summary>
/// A connect to the Docker engine begun ahead of its first use, so that other work (the
/// credential check before <c>dotnet run</c>) runs while it connects, and one connection serves
/// every step that needs the engine (the login on <c>clawker-globals</c>, the volume ensure).
/// The connect runs on the thread pool; its failure surfaces where the engine is first needed,
/// as <see cref="DockerEngine.ConnectAsync(DockerEndpointOptions?, CancellationToken)"/> throws it.
/// Disposing cancels a connect still running and disposes the engine, whenever it arrives.
/// </summary>
public sealed class EngineConnection : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly Task<DockerEngine> _connect;
    private int _disposed;

    private EngineConnection(Func<DockerEndpointOptions> options, CancellationToken cancellationToken)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = _cancel.Token;
        // The options are read on the connecting thread too: a malformed engine setting is reported
        // where the engine is first needed, after the work done meanwhile, as when connecting then.
        _connect = Task.Run(() => DockerEngine.ConnectAsync(options(), token), token);
    }

    /// <summary>Starts connecting now.</summary>
    /// <param name="options">Gives the endpoint options (called once, on the connecting thread; what it throws is thrown by <see cref="GetEngineAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the connect (and so every later <see cref="GetEngineAsync"/>).</param>
    /// <returns>The connection; dispose it when done.</returns>
    public static EngineConnection Start(Func<DockerEndpointOptions> options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EngineConnection(options, cancellationToken);
    }

    /// <summary>The connected engine, owned by this connection (do not dispose it); waits for the connect.</summary>
    /// <param name="cancellationToken">Stops waiting (the connect goes on until the connection is disposed).</param>
    /// <returns>The engine.</returns>
    /// <exception cref="DockerEngineException">As <see cref="DockerEngine.ConnectAsync(DockerEndpointOptions?, CancellationToken)"/>: CLAWKER2001, 2003, 2004 (and 2005 for a malformed answer).</exception>
    /// <exception cref="ObjectDisposedException">The connection was disposed.</exception>
    public Task<DockerEngine> GetEngineAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _connect.WaitAsync(cancellationToken);
    }

    /// <summary>Cancels a connect still running and disposes the engine once it is there; never blocks, never leaves an exception unobserved.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _cancel.Cancel();
        _ = _connect.ContinueWith(
            static (connect, cancel) =>
            {
                if (connect.IsCompletedSuccessfully)
                {
                    connect.Result.Dispose();
                }
                else
                {
                    _ = connect.Exception; // observed: a failure nobody waited for is not an unobserved task exception
                }

                ((CancellationTokenSource)cancel!).Dispose();
            },
            _cancel, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
