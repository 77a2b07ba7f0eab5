namespace Clawker.Keyring;

/// <summary>Why a credential could not be used. Each kind has a stable code (see <see cref="CredentialException.CodeFor"/>).</summary>
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
}
