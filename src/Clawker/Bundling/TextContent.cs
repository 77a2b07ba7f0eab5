using System.Text;

namespace Clawker.Bundling;

/// <summary>
/// Makes text bytes the same on every checkout: LF line endings, no UTF-8 byte-order mark. A
/// CRLF checkout of a script would otherwise give <c>/bin/bash^M</c>, and a BOM hides the
/// shebang. Binary files (a NUL byte, or not UTF-8) pass through untouched.
/// </summary>
internal static class TextContent
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = StrictUtf8.GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public static byte[] Normalize(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!IsText(content))
        {
            return content;
        }

        var span = content.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        if (!span.Contains((byte)'\r') && span.Length == content.Length)
        {
            return content;
        }

        var result = new byte[span.Length];
        var length = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == (byte)'\r' && i + 1 < span.Length && span[i + 1] == (byte)'\n')
            {
                continue;
            }

            result[length++] = span[i];
        }

        return result.AsSpan(0, length).ToArray();
    }

    /// <summary>Scripts (a <c>.sh</c> name or a shebang) are executable; everything else is not.</summary>
    public static bool IsScript(string path, ReadOnlySpan<byte> content) =>
        path.EndsWith(".sh", StringComparison.Ordinal) || content.StartsWith("#!"u8);
}
