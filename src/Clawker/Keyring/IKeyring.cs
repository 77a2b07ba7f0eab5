namespace Clawker.Keyring;

/// <summary>
/// Raw operations on one OS credential store, keyed by service and user as go-keyring keys
/// them. Every call is bounded by the keyring's timeout: a store that hangs gives a
/// <see cref="CredentialException"/> of kind <see cref="CredentialErrorKind.Timeout"/> on time, and one that
/// cannot be used here one of kind <see cref="CredentialErrorKind.Unavailable"/>. Create one with <see cref="Keyrings.Create"/>.
/// </summary>
public interface IKeyring
{
    /// <summary>Which backend this is.</summary>
    KeyringBackendKind Kind { get; }

    /// <summary>Describes an item for messages, for example "Secret Service (service 'S', user 'U')".</summary>
    /// <param name="service">The item's service.</param>
    /// <param name="user">The item's user (account).</param>
    /// <returns>A display string without secret content.</returns>
    string Describe(string service, string user);

    /// <summary>Reads the secret stored for <paramref name="service"/> and <paramref name="user"/>.</summary>
    /// <param name="service">The item's service.</param>
    /// <param name="user">The item's user (account).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The secret, verbatim (possibly blank).</returns>
    /// <exception cref="CredentialException">Of kind <see cref="CredentialErrorKind.NotFound"/>: no such item; <see cref="CredentialErrorKind.Timeout"/>: the store did not answer in time; <see cref="CredentialErrorKind.Unavailable"/>: the store cannot be used here; <see cref="CredentialErrorKind.InvalidSchema"/>: the stored value is not text (for example not UTF-8).</exception>
    Task<string> GetAsync(string service, string user, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="secret"/>, replacing an item with the same service and user.</summary>
    /// <param name="service">The item's service.</param>
    /// <param name="user">The item's user (account).</param>
    /// <param name="secret">The secret to store.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the item is stored.</returns>
    /// <exception cref="CredentialException">Of kind <see cref="CredentialErrorKind.SecretTooLarge"/>: the value is larger than the store holds, nothing was written; <see cref="CredentialErrorKind.Timeout"/>: the store did not answer in time; <see cref="CredentialErrorKind.Unavailable"/>: the store cannot be used here.</exception>
    Task SetAsync(string service, string user, string secret, CancellationToken cancellationToken = default);

    /// <summary>Deletes the item for <paramref name="service"/> and <paramref name="user"/>.</summary>
    /// <param name="service">The item's service.</param>
    /// <param name="user">The item's user (account).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when an item was deleted, <see langword="false"/> when there was none.</returns>
    Task<bool> DeleteAsync(string service, string user, CancellationToken cancellationToken = default);
}
