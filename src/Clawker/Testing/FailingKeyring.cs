using Clawker.Keyring;

namespace Clawker.Testing;

/// <summary>A keyring whose every call fails with one given error, for tests of error handling.</summary>
public sealed class FailingKeyring : IKeyring
{
    private readonly Func<string, string, Exception> _error;

    /// <summary>Creates a keyring failing with the error <paramref name="error"/> makes for each item.</summary>
    /// <param name="error">Makes the error from the item's description (see <see cref="Describe"/>).</param>
    /// <param name="kind">The kind to report.</param>
    public FailingKeyring(Func<string, Exception> error, KeyringBackendKind kind = KeyringBackendKind.InMemory)
    {
        ArgumentNullException.ThrowIfNull(error);
        _error = (service, user) => error(Describe(service, user));
        Kind = kind;
    }

    /// <inheritdoc/>
    public KeyringBackendKind Kind { get; }

    /// <inheritdoc/>
    public string Describe(string service, string user) => $"failing keyring (service '{service}', user '{user}')";

    /// <inheritdoc/>
    public Task<string> GetAsync(string service, string user, CancellationToken cancellationToken = default) =>
        Task.FromException<string>(_error(service, user));

    /// <inheritdoc/>
    public Task SetAsync(string service, string user, string secret, CancellationToken cancellationToken = default) =>
        Task.FromException(_error(service, user));

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string service, string user, CancellationToken cancellationToken = default) =>
        Task.FromException<bool>(_error(service, user));
}
