namespace Clawker.Keyring;

/// <summary>No entry in the store, or the user it belongs to cannot be resolved (<see cref="CredentialErrorKind.NotFound"/>).</summary>
public sealed class CredentialNotFoundException : CredentialException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">Where: the store and item, or the file.</param>
    /// <param name="message">What was wrong and how to fix it; never secret content.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CredentialNotFoundException(string store, string message, Exception? innerException = null)
        : base(CredentialErrorKind.NotFound, store, message, innerException)
    {
    }
}
