using Clawker.Diagnostics;

namespace Clawker.Keyring;

/// <summary>
/// Base of every keyring and credential failure. <see cref="Kind"/> says why; <see cref="Store"/>
/// says where (a display string such as "Secret Service (service 'S', user 'U')" or "file /path").
/// Messages never contain secret material.
/// </summary>
public abstract class CredentialException : ClawkerException
{
    /// <summary>Creates the exception for <paramref name="kind"/>, with the code that kind maps to.</summary>
    /// <param name="kind">Why the credential could not be used.</param>
    /// <param name="store">Where: the store and item, or the file.</param>
    /// <param name="message">What was wrong and how to fix it.</param>
    /// <param name="innerException">The underlying failure, if any; it must not carry secret content.</param>
    protected CredentialException(CredentialErrorKind kind, string store, string message, Exception? innerException = null)
        : base(CodeFor(kind), message, innerException)
    {
        Kind = kind;
        Store = store;
    }

    /// <summary>Why the credential could not be used.</summary>
    public CredentialErrorKind Kind { get; }

    /// <summary>Where the failure happened: the store and item, or the file.</summary>
    public string Store { get; }

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
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown credential error kind."),
    };
}
