namespace Clawker.Keyring;

/// <summary>The entry is not in the expected format (<see cref="CredentialErrorKind.InvalidSchema"/>). The inner exception names the field, never the content.</summary>
public sealed class CredentialInvalidSchemaException : CredentialException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">Where: the store and item, or the file.</param>
    /// <param name="message">What was wrong and how to fix it; never secret content.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CredentialInvalidSchemaException(string store, string message, Exception? innerException = null)
        : base(CredentialErrorKind.InvalidSchema, store, message, innerException)
    {
    }
}
