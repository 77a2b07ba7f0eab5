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

    /// <summary>
    /// The secret with notes on how it was chosen (for example among duplicate items), or
    /// <see langword="null"/> when there is no item. Stores that can hold duplicates override this.
    /// </summary>
    KeyringItem? Read(string service, string user, CancellationToken cancellationToken) =>
        Get(service, user, cancellationToken) is { } secret ? new KeyringItem(secret, []) : null;

    void Set(string service, string user, string secret, CancellationToken cancellationToken);

    bool Delete(string service, string user, CancellationToken cancellationToken);
}
