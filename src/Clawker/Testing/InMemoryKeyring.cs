using System.Collections.Concurrent;

using Clawker.Keyring;

namespace Clawker.Testing;

/// <summary>A process-local keyring for tests of code that takes an <see cref="IKeyring"/>.</summary>
public sealed class InMemoryKeyring : IKeyring
{
    private readonly ConcurrentDictionary<(string Service, string User), string> _items = new();

    /// <summary>Creates an empty keyring that reports itself as <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind to report (tests of OS-specific decisions pretend to be an OS store).</param>
    public InMemoryKeyring(KeyringBackendKind kind = KeyringBackendKind.InMemory) => Kind = kind;

    /// <inheritdoc/>
    public KeyringBackendKind Kind { get; }

    /// <inheritdoc/>
    public string Describe(string service, string user) => $"in-memory keyring (service '{service}', user '{user}')";

    /// <inheritdoc/>
    public Task<string> GetAsync(string service, string user, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _items.TryGetValue((service, user), out var secret)
            ? Task.FromResult(secret)
            : Task.FromException<string>(new CredentialException(CredentialErrorKind.NotFound, Describe(service, user), $"No item in {Describe(service, user)}."));
    }

    /// <inheritdoc/>
    public Task SetAsync(string service, string user, string secret, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(secret);
        _items[(service, user)] = secret;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string service, string user, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_items.TryRemove((service, user), out _));
    }
}
