using System.Text;

namespace Clawker.Keyring.Backends;

/// <summary>
/// What go-keyring writes to the macOS Keychain and what <c>security -w</c> prints back, both
/// ways: values stored as <c>go-keyring-base64:</c> + base64 (older: <c>go-keyring-encoded:</c>
/// + hex), and <c>security</c> printing a value as bare hex when it holds bytes it deems binary.
/// </summary>
internal static class SecurityOutput
{
    public const string Base64Prefix = "go-keyring-base64:";
    public const string HexPrefix = "go-keyring-encoded:";

    /// <summary><c>security -i</c> reads at most 4 KiB a line; a line of 4096 bytes is silently dropped.</summary>
    public const int MaxCommandBytes = 4095;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Decodes the output of <c>find-generic-password -w</c> into the stored secret.</summary>
    /// <exception cref="CredentialException">Of kind <see cref="CredentialErrorKind.InvalidSchema"/>: a go-keyring prefix with a payload that does not decode to UTF-8 text.</exception>
    public static string Decode(string output, string where)
    {
        var value = output.EndsWith('\n') ? output[..^1] : output;
        try
        {
            if (value.StartsWith(Base64Prefix, StringComparison.Ordinal))
            {
                return StrictUtf8.GetString(Convert.FromBase64String(value[Base64Prefix.Length..]));
            }

            if (value.StartsWith(HexPrefix, StringComparison.Ordinal))
            {
                return StrictUtf8.GetString(Convert.FromHexString(value[HexPrefix.Length..]));
            }
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            // Not wrapped: the decoder's message lists the offending bytes of the secret.
            throw new CredentialException(CredentialErrorKind.InvalidSchema,
                where,
                $"{where}: the stored value carries go-keyring's '{(value.StartsWith(Base64Prefix, StringComparison.Ordinal) ? Base64Prefix : HexPrefix)}' prefix but does not decode to UTF-8 text. Replace the item (or delete it and log in again).");
        }

        // security prints hex only for values that are not all printable ASCII; a hex string that
        // decodes to printable ASCII is therefore a literal value (say, a password "cafe") and kept.
        return TryDecodeBinaryHex(value, out var decoded) ? decoded : value;
    }

    /// <summary>The line written to <c>security -i</c>: the value base64-encoded as go-keyring does, every argument single-quoted.</summary>
    public static string AddCommand(string service, string user, string secret)
    {
        var encoded = Base64Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        return $"add-generic-password -U -s {Quote(service)} -a {Quote(user)} -w {Quote(encoded)}\n";
    }

    /// <summary>Refuses a command longer than <c>security -i</c> can read, before anything is written.</summary>
    public static void CheckSize(string command, string where)
    {
        var bytes = Encoding.UTF8.GetByteCount(command);
        if (bytes > MaxCommandBytes)
        {
            throw CredentialException.SecretTooLarge(
                where,
                bytes,
                MaxCommandBytes,
                $"{where}: the value is too large for the macOS Keychain through 'security -i': the command carrying it (base64-encoded, as go-keyring stores it) is {bytes} bytes, at most {MaxCommandBytes}. Nothing was written. Store a smaller value, or keep it in a file.");
        }
    }

    /// <summary>Shell-style single quoting, as go-keyring's shellescape.Quote does.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";

    private static bool TryDecodeBinaryHex(string value, out string decoded)
    {
        decoded = value;
        if (value.Length < 2 || value.Length % 2 != 0 || !value.All(Uri.IsHexDigit))
        {
            return false;
        }

        var bytes = Convert.FromHexString(value);
        if (bytes.All(b => b is >= 0x20 and < 0x7f))
        {
            return false;
        }

        try
        {
            decoded = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
