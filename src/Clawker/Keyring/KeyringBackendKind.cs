namespace Clawker.Keyring;

/// <summary>The credential stores Clawker can use; chosen by OS, overridable with <c>CLAWKER_KEYRING</c>.</summary>
public enum KeyringBackendKind
{
    /// <summary>No OS store (<c>CLAWKER_KEYRING=none</c>): every read says the store is unavailable.</summary>
    None,

    /// <summary>The freedesktop Secret Service on the D-Bus session bus (<c>secret-service</c>, Linux default).</summary>
    SecretService,

    /// <summary>The macOS Keychain through <c>/usr/bin/security</c> (<c>keychain</c>, macOS default).</summary>
    Keychain,

    /// <summary>The Windows Credential Manager (<c>wincred</c>, Windows default).</summary>
    WindowsCredentialManager,

    /// <summary>A process-local store for tests.</summary>
    InMemory,
}
