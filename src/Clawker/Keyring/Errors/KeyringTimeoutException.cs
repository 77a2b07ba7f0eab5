namespace Clawker.Keyring;

/// <summary>The store did not answer within the timeout (<see cref="CredentialErrorKind.Timeout"/>).</summary>
public sealed class KeyringTimeoutException : CredentialException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">Where: the store and item, or the file.</param>
    /// <param name="message">What was wrong and how to fix it; never secret content.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public KeyringTimeoutException(string store, string message, Exception? innerException = null)
        : base(CredentialErrorKind.Timeout, store, message, innerException)
    {
    }
}
