namespace Clawker.Keyring;

/// <summary>The entry exists but is blank (<see cref="CredentialErrorKind.Empty"/>).</summary>
public sealed class CredentialEmptyException : CredentialException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">Where: the store and item, or the file.</param>
    /// <param name="message">What was wrong and how to fix it; never secret content.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CredentialEmptyException(string store, string message, Exception? innerException = null)
        : base(CredentialErrorKind.Empty, store, message, innerException)
    {
    }
}
