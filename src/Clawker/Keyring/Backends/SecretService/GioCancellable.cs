namespace Clawker.Keyring.Backends;

/// <summary>
/// A GCancellable cancelled with a <see cref="CancellationToken"/>: when the keyring gives up on
/// a call at the timeout, the blocking GIO call on the abandoned worker returns at once instead
/// of running on (a connect to a bus that never answers would otherwise block forever).
/// </summary>
internal sealed class GioCancellable : IDisposable
{
    private readonly CancellationTokenRegistration _registration;

    public GioCancellable(CancellationToken token)
    {
        Token = token;
        Handle = Gio.g_cancellable_new();
        var handle = Handle;
        _registration = token.Register(() => Gio.g_cancellable_cancel(handle));
    }

    public nint Handle { get; }

    public CancellationToken Token { get; }

    public void Dispose()
    {
        _registration.Dispose(); // waits for a cancel running on another thread, so the handle outlives it
        Gio.g_object_unref(Handle);
    }
}
