using Clawker.Diagnostics;

namespace Clawker.Keyring;

/// <summary>
/// A write was refused before anything was stored: the secret is larger than the keyring holds
/// (<see cref="ErrorCodes.KeyringSecretTooLarge"/>). A property of the value, not a failure to
/// read a credential, so it is not a <see cref="CredentialException"/>.
/// </summary>
public sealed class KeyringSecretTooLargeException : ClawkerException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">Where: the store and item.</param>
    /// <param name="sizeBytes">The size that was refused, in bytes, as the store counts it.</param>
    /// <param name="limitBytes">The store's limit, in bytes.</param>
    /// <param name="message">What was too large, the limit, and what to do.</param>
    public KeyringSecretTooLargeException(string store, int sizeBytes, int limitBytes, string message)
        : base(ErrorCodes.KeyringSecretTooLarge, message)
    {
        Store = store;
        SizeBytes = sizeBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>The store and item the write was meant for.</summary>
    public string Store { get; }

    /// <summary>The size that was refused, in bytes, as the store counts it.</summary>
    public int SizeBytes { get; }

    /// <summary>The store's limit, in bytes.</summary>
    public int LimitBytes { get; }
}
