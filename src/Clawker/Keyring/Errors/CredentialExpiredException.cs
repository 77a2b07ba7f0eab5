namespace Clawker.Keyring;

/// <summary>The credential has expired and cannot be refreshed (<see cref="CredentialErrorKind.Expired"/>).</summary>
public sealed class CredentialExpiredException : CredentialException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">Where: the store and item, or the file.</param>
    /// <param name="message">What was wrong and how to fix it; never secret content.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CredentialExpiredException(string store, string message, Exception? innerException = null)
        : base(CredentialErrorKind.Expired, store, message, innerException)
    {
    }
}
