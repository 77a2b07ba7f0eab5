namespace Clawker.Keyring.Backends;

/// <summary><c>CLAWKER_KEYRING=none</c>: no OS store; every call says so at once.</summary>
internal sealed class NoKeyringBackend : IKeyringBackend
{
    public KeyringBackendKind Kind => KeyringBackendKind.None;

    public string Describe(string service, string user) => $"no keyring ({KeyringOptions.BackendVariable}=none; service '{service}', user '{user}')";

    public string? Get(string service, string user, CancellationToken cancellationToken) => throw Unavailable(service, user);

    public void Set(string service, string user, string secret, CancellationToken cancellationToken) => throw Unavailable(service, user);

    public bool Delete(string service, string user, CancellationToken cancellationToken) => throw Unavailable(service, user);

    private CredentialException Unavailable(string service, string user) =>
        new(CredentialErrorKind.Unavailable, Describe(service, user), $"The keyring is switched off ({KeyringOptions.BackendVariable}=none). Unset it to use the OS store.");
}
