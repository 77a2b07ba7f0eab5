using Clawker.Diagnostics;

namespace Clawker.Keyring;

/// <summary>
/// Every keyring and credential failure. <see cref="Kind"/> says why (filter on it, as on a
/// sentinel error); <see cref="Store"/> says where (a display string such as
/// "Secret Service (service 'S', user 'U')" or "file /path", or the setting's name).
/// Messages never contain secret material.
/// </summary>
public sealed class CredentialException : ClawkerException
{
    /// <summary>Creates the exception for <paramref name="kind"/>, with the code that kind maps to.</summary>
    /// <param name="kind">Why the operation failed.</param>
    /// <param name="store">Where: the store and item, or the file.</param>
    /// <param name="message">What was wrong and how to fix it; never secret content.</param>
    /// <param name="innerException">The underlying failure, if any; it must not carry secret content.</param>
    public CredentialException(CredentialErrorKind kind, string store, string message, Exception? innerException = null)
        : base(CodeFor(kind), message, innerException)
    {
        Kind = kind;
        Store = store;
    }

    /// <summary>Why the operation failed.</summary>
    public CredentialErrorKind Kind { get; }

    /// <summary>Where the failure happened: the store and item, the file, or (for <see cref="CredentialErrorKind.InvalidSetting"/>) the setting.</summary>
    public string Store { get; }

    /// <summary>For <see cref="CredentialErrorKind.InvalidSetting"/>: the setting's name, for example <c>CLAWKER_KEYRING</c>; otherwise <see langword="null"/>.</summary>
    public string? Setting { get; private init; }

    /// <summary>For <see cref="CredentialErrorKind.SecretTooLarge"/>: the size that was refused, in bytes, as the store counts it; otherwise <see langword="null"/>.</summary>
    public int? SizeBytes { get; private init; }

    /// <summary>For <see cref="CredentialErrorKind.SecretTooLarge"/>: the store's limit, in bytes; otherwise <see langword="null"/>.</summary>
    public int? LimitBytes { get; private init; }

    /// <summary>The stable code from <see cref="ErrorCodes"/> for <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind to map.</param>
    /// <returns>The code, for example <c>CLAWKER1001</c> for <see cref="CredentialErrorKind.NotFound"/>.</returns>
    public static string CodeFor(CredentialErrorKind kind) => kind switch
    {
        CredentialErrorKind.NotFound => ErrorCodes.CredentialNotFound,
        CredentialErrorKind.Empty => ErrorCodes.CredentialEmpty,
        CredentialErrorKind.InvalidSchema => ErrorCodes.CredentialInvalidSchema,
        CredentialErrorKind.Expired => ErrorCodes.CredentialExpired,
        CredentialErrorKind.Timeout => ErrorCodes.KeyringTimeout,
        CredentialErrorKind.Unavailable => ErrorCodes.KeyringUnavailable,
        CredentialErrorKind.SecretTooLarge => ErrorCodes.KeyringSecretTooLarge,
        CredentialErrorKind.InvalidSetting => ErrorCodes.InvalidKeyringSetting,
        CredentialErrorKind.VolumeHelperConflict => ErrorCodes.VolumeHelperConflict,
        CredentialErrorKind.SettingsFileInvalid => ErrorCodes.ClaudeCodeSettingsInvalid,
        CredentialErrorKind.HelperNotFound => ErrorCodes.ApiKeyHelperNotFound,
        CredentialErrorKind.HelperFailed => ErrorCodes.ApiKeyHelperFailed,
        CredentialErrorKind.InvalidVariable => ErrorCodes.InvalidClaudeCodeVariable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown credential error kind."),
    };

    /// <summary>A write of <paramref name="sizeBytes"/> to <paramref name="store"/> was refused; nothing was stored.</summary>
    internal static CredentialException SecretTooLarge(string store, int sizeBytes, int limitBytes, string message) =>
        new(CredentialErrorKind.SecretTooLarge, store, message) { SizeBytes = sizeBytes, LimitBytes = limitBytes };

    /// <summary>The keyring setting <paramref name="setting"/> has an unusable value.</summary>
    internal static CredentialException InvalidSetting(string setting, string message) =>
        new(CredentialErrorKind.InvalidSetting, setting, message) { Setting = setting };
}
