using System.Text;

namespace Clawker.Keyring.Backends;

/// <summary>
/// How go-keyring (through danieljoos/wincred) keys and encodes Windows generic credentials:
/// target name <c>SERVICE:USER</c>, user name USER, the secret as UTF-8 bytes. Pure, so it is
/// unit-tested on every OS.
/// </summary>
internal static class WinCredFormat
{
    /// <summary>Credential Manager's limit on a generic credential's blob (CRED_MAX_CREDENTIAL_BLOB_SIZE).</summary>
    public const int MaxBlobBytes = 5 * 512;

    /// <summary>Target names must stay under this length.</summary>
    public const int MaxTargetLength = 512;

    public static string Target(string service, string user)
    {
        var target = $"{service}:{user}";
        return target.Length < MaxTargetLength
            ? target
            : throw new ArgumentOutOfRangeException(nameof(service), $"The Windows credential target '{service}:…' is {target.Length} characters; it must be under {MaxTargetLength}.");
    }

    public static byte[] Encode(string secret, string where)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return bytes.Length <= MaxBlobBytes
            ? bytes
            : throw CredentialException.SecretTooLarge(
                where,
                bytes.Length,
                MaxBlobBytes,
                $"{where}: the value is {bytes.Length} bytes as UTF-8; Windows Credential Manager holds at most {MaxBlobBytes}. Nothing was written. Store a smaller value, or keep it in a file.");
    }

    /// <summary>UTF-8, as go-keyring writes; a blob that is not valid UTF-8 is read as UTF-16 (what CredWrite callers in other tools often store).</summary>
    /// <exception cref="CredentialException">Of kind <see cref="CredentialErrorKind.InvalidSchema"/>: neither UTF-8 nor UTF-16 (an odd number of bytes).</exception>
    public static string Decode(byte[] blob, string where)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(blob);
        }
        catch (DecoderFallbackException) when (blob.Length % 2 == 0)
        {
            return Encoding.Unicode.GetString(blob);
        }
        catch (DecoderFallbackException)
        {
            // Not wrapped: the decoder's message lists the offending bytes of the secret.
            throw new CredentialException(CredentialErrorKind.InvalidSchema,
                where,
                $"{where}: the stored value is neither UTF-8 nor UTF-16 text. Replace the credential (or delete it and log in again).");
        }
    }
}
