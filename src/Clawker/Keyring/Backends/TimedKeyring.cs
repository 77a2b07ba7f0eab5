using Clawker.Diagnostics;

namespace Clawker.Keyring.Backends;

/// <summary>
/// Turns a blocking backend into an <see cref="IKeyring"/> whose calls end on time. Each call
/// runs on a dedicated background thread (not the thread pool: a call stuck in native code
/// would otherwise pin a pool thread and starve the host) and is raced against the timeout.
/// A call that loses the race is abandoned; being a background thread it never keeps the
/// process alive.
/// </summary>
internal sealed class TimedKeyring(IKeyringBackend backend, TimeSpan timeout) : IKeyring
{
    public KeyringBackendKind Kind => backend.Kind;

    public TimeSpan Timeout => timeout;

    public string Describe(string service, string user) => backend.Describe(service, user);

    public async Task<string> GetAsync(string service, string user, CancellationToken cancellationToken = default) =>
        (await ReadAsync(service, user, cancellationToken).ConfigureAwait(false)).Secret;

    /// <summary><see cref="GetAsync"/> with the backend's notes on how the item was chosen.</summary>
    public async Task<KeyringItem> ReadAsync(string service, string user, CancellationToken cancellationToken = default)
    {
        Check(service, user);
        var item = await RunAsync(ct => backend.Read(service, user, ct), service, user, "read", cancellationToken).ConfigureAwait(false);
        return item ?? throw new CredentialException(CredentialErrorKind.NotFound,
            Describe(service, user),
            $"No item in {Describe(service, user)}.");
    }

    public Task SetAsync(string service, string user, string secret, CancellationToken cancellationToken = default)
    {
        Check(service, user);
        ArgumentNullException.ThrowIfNull(secret);
        return RunAsync(ct => { backend.Set(service, user, secret, ct); return true; }, service, user, "write", cancellationToken);
    }

    public Task<bool> DeleteAsync(string service, string user, CancellationToken cancellationToken = default)
    {
        Check(service, user);
        return RunAsync(ct => backend.Delete(service, user, ct), service, user, "delete", cancellationToken);
    }

    private static void Check(string service, string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(user);
    }

    private async Task<T> RunAsync<T>(Func<CancellationToken, T> work, string service, string user, string verb, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Before the worker starts: a timeout Task.Delay refuses (over ~49.7 days) then starts no call.
        var expiry = Task.Delay(timeout, cancellationToken);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var thread = new Thread(() =>
        {
            try
            {
                done.TrySetResult(work(stop.Token));
            }
#pragma warning disable CA1031 // every failure is handed to the waiting caller
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.TrySetException(e);
            }
            finally
            {
                stop.Dispose(); // only the worker disposes: it may still read the token after a timeout
            }
        })
        {
            IsBackground = true,
            Name = "clawker-keyring",
        };
        thread.Start();

        var winner = await Task.WhenAny(done.Task, expiry).ConfigureAwait(false);
        if (winner == done.Task)
        {
            return await done.Task.ConfigureAwait(false);
        }

        CancelQuietly(stop);
        // The abandoned call still ends, usually by throwing at the cancel: observe that, or the
        // host's UnobservedTaskException handler sees a failure nobody waited for.
        AbandonedTask.Observe(done.Task);
        cancellationToken.ThrowIfCancellationRequested();
        var where = Describe(service, user);
        throw new CredentialException(CredentialErrorKind.Timeout,
            where,
            $"{where} did not answer a {verb} within {timeout.TotalMilliseconds:0} ms. Unlock the keyring, or raise the timeout with {KeyringOptions.TimeoutVariable} (or the build's keyring timeout option).");
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The worker finished between the race and now.
        }
    }
}
