namespace Clawker.Keyring.Backends;

/// <summary>
/// One OS store, called synchronously: <see cref="TimedKeyring"/> runs each call on its own
/// background thread and races it against the timeout, so a backend may block (even in native
/// code) without hanging its caller. The token is cancelled at the timeout; backends that can
/// (child processes) stop their work then.
/// </summary>
internal interface IKeyringBackend
{
    KeyringBackendKind Kind { get; }

    string Describe(string service, string user);

    /// <summary>The secret, or <see langword="null"/> when there is no item.</summary>
    string? Get(string service, string user, CancellationToken cancellationToken);

    void Set(string service, string user, string secret, CancellationToken cancellationToken);

    bool Delete(string service, string user, CancellationToken cancellationToken);
}
