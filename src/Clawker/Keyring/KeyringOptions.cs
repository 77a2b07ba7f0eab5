using Clawker.Diagnostics;

namespace Clawker.Keyring;

/// <summary>How to reach the OS credential store. Unset options fall back to the environment, then to defaults.</summary>
public sealed class KeyringOptions
{
    /// <summary>The environment variable that overrides the timeout, in milliseconds.</summary>
    public const string TimeoutVariable = "CLAWKER_KEYRING_TIMEOUT_MS";

    /// <summary>The environment variable that chooses the backend: secret-service, keychain, wincred or none.</summary>
    public const string BackendVariable = "CLAWKER_KEYRING";

    /// <summary>The timeout when neither the option nor <see cref="TimeoutVariable"/> sets one.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Bound on every keyring call; wins over <see cref="TimeoutVariable"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The backend name (secret-service, keychain, wincred, none); wins over <see cref="BackendVariable"/>.</summary>
    public string? Backend { get; init; }

    /// <summary>Where environment variables (and the D-Bus address) come from.</summary>
    public ClawkerEnvironment Environment { get; init; } = ClawkerEnvironment.Process;

    /// <summary>The effective timeout: the option, else <see cref="TimeoutVariable"/>, else 3 s.</summary>
    /// <returns>A positive timeout.</returns>
    /// <exception cref="CredentialException">Of kind <see cref="CredentialErrorKind.InvalidSetting"/>: the option or the variable is not a positive number of milliseconds.</exception>
    public TimeSpan ResolveTimeout()
    {
        if (Timeout is { } t)
        {
            return ClawkerSettingParser.IsTimeout(t) ? t : throw CredentialException.InvalidSetting("keyring timeout", $"The keyring timeout must be positive and at most 24 days (or infinite), not {t}.");
        }

        var text = Environment.Variable(TimeoutVariable);
        if (text is null)
        {
            return DefaultTimeout;
        }

        return ClawkerSettingParser.TryMilliseconds(text, out var timeout)
            ? timeout
            : throw CredentialException.InvalidSetting(TimeoutVariable, $"{TimeoutVariable} must be a positive whole number of milliseconds, not '{text}'; unset it for the default of {DefaultTimeout.TotalSeconds:0} s.");
    }

    /// <summary>The effective backend: the option, else <see cref="BackendVariable"/>, else the OS's own store.</summary>
    /// <returns>The backend kind.</returns>
    /// <exception cref="CredentialException">Of kind <see cref="CredentialErrorKind.InvalidSetting"/>: the name is not one of secret-service, keychain, wincred, none.</exception>
    public KeyringBackendKind ResolveBackend()
    {
        var name = Backend ?? Environment.Variable(BackendVariable);
        if (name is null)
        {
            return OperatingSystem.IsMacOS() ? KeyringBackendKind.Keychain
                : OperatingSystem.IsWindows() ? KeyringBackendKind.WindowsCredentialManager
                : OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD() ? KeyringBackendKind.SecretService
                : KeyringBackendKind.None;
        }

        return name.Trim().ToUpperInvariant() switch
        {
            "SECRET-SERVICE" => KeyringBackendKind.SecretService,
            "KEYCHAIN" => KeyringBackendKind.Keychain,
            "WINCRED" => KeyringBackendKind.WindowsCredentialManager,
            "NONE" => KeyringBackendKind.None,
            _ => throw CredentialException.InvalidSetting(BackendVariable, $"{BackendVariable} (or the keyring backend option) must be secret-service, keychain, wincred or none, not '{name}'; unset it to use the OS's own store."),
        };
    }
}
