namespace Clawker.Keyring;

/// <summary>The store cannot be used here: no session bus, no daemon, or locked and needing a prompt (<see cref="CredentialErrorKind.Unavailable"/>).</summary>
public sealed class KeyringUnavailableException : CredentialException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">Where: the store and item, or the file.</param>
    /// <param name="message">What was wrong and how to fix it; never secret content.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public KeyringUnavailableException(string store, string message, Exception? innerException = null)
        : base(CredentialErrorKind.Unavailable, store, message, innerException)
    {
    }
}
