using System.Text.Json;

namespace Clawker.Diagnostics;

/// <summary>
/// JSON parse errors of files and items that may hold secrets, reduced to their position.
/// System.Text.Json's messages quote the input near the fault ("'trueSECRET' is an invalid
/// JSON literal"), so neither the message nor the exception itself may travel on; only the
/// line and byte do.
/// </summary>
internal static class JsonFault
{
    /// <summary>
    /// The position of the first <see cref="JsonException"/> in <paramref name="error"/>'s chain,
    /// as " (line L, byte B)" (1-based), or "" when it states none; <see langword="null"/> when the
    /// chain holds no <see cref="JsonException"/>.
    /// </summary>
    public static string? Position(Exception error)
    {
        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
            }
        }

        return null;
    }
}
