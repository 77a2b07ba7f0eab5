namespace Clawker.Keyring;

/// <summary>Why a keyring or credential operation failed. Each kind has one stable code (see <see cref="CredentialException.CodeFor"/>).</summary>
public enum CredentialErrorKind
{
    /// <summary>No entry in the store (or the user it belongs to cannot be resolved).</summary>
    NotFound,

    /// <summary>The entry exists but is blank.</summary>
    Empty,

    /// <summary>The entry is not in the expected format.</summary>
    InvalidSchema,

    /// <summary>The credential has expired and cannot be refreshed.</summary>
    Expired,

    /// <summary>The store did not answer within the timeout.</summary>
    Timeout,

    /// <summary>The store cannot be used here (no session bus, no daemon, locked, needs a prompt).</summary>
    Unavailable,

    /// <summary>A write was refused before anything was stored: the secret is larger than the store holds.</summary>
    SecretTooLarge,

    /// <summary>A keyring setting (<c>CLAWKER_KEYRING</c>, <c>CLAWKER_KEYRING_TIMEOUT_MS</c>, or the options that override them) has an unusable value.</summary>
    InvalidSetting,

    /// <summary>A Claude Code settings file cannot be used to find <c>apiKeyHelper</c> (<c>CLAWKER1011</c>).</summary>
    SettingsFileInvalid,

    /// <summary>The <c>apiKeyHelper</c> command does not resolve to an executable (<c>CLAWKER1012</c>).</summary>
    HelperNotFound,

    /// <summary>The <c>apiKeyHelper</c> command exited with a non-zero code or could not be started (<c>CLAWKER1013</c>).</summary>
    HelperFailed,

    /// <summary>A Claude Code environment variable has an unusable value (<c>CLAWKER1014</c>).</summary>
    InvalidVariable,

    /// <summary>The name of Clawker's volume-helper image (which reads the globals volume) is held by an image without clawker's labels; it is never used or replaced.</summary>
    VolumeHelperConflict,
}
