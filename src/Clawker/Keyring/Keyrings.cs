using Clawker.Keyring.Backends;

namespace Clawker.Keyring;

/// <summary>Creates the keyring for this OS (or the one <c>CLAWKER_KEYRING</c> names), bounded by the timeout.</summary>
public static class Keyrings
{
    /// <summary>Creates the keyring the options select.</summary>
    /// <param name="options">Timeout, backend override and environment; defaults when <see langword="null"/>.</param>
    /// <returns>A keyring whose every call ends within the timeout.</returns>
    /// <exception cref="CredentialException">Of kind <see cref="CredentialErrorKind.InvalidSetting"/>: the backend name or the timeout is invalid.</exception>
    public static IKeyring Create(KeyringOptions? options = null)
    {
        options ??= new KeyringOptions();
        var timeout = options.ResolveTimeout();
        IKeyringBackend backend = options.ResolveBackend() switch
        {
            KeyringBackendKind.SecretService => new SecretServiceBackend(options.Environment.Variable(SecretServiceBackend.BusAddressVariable), timeout),
            KeyringBackendKind.Keychain => new SecurityCliBackend(SecurityCliBackend.DefaultExecutable, options.Environment),
            KeyringBackendKind.WindowsCredentialManager => new WinCredBackend(),
            _ => new NoKeyringBackend(),
        };
        return new TimedKeyring(backend, timeout);
    }
}
