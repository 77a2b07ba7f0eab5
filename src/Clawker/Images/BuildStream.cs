using System.Text.Json;
using Clawker.Docker;

namespace Clawker.Images;

/// <summary>
/// Reads <c>POST /build</c>'s answer: JSON values one after another (not lines: a value may hold
/// a newline, a read may end mid-value), each handed to <see cref="BuildOutput.Report(JsonElement)"/>
/// as it completes. The handler below bounds each value's size and stalls
/// (<see cref="BoundedResponseHandler"/>), so the buffer here stays small.
/// </summary>
internal static class BuildStream
{
    public static async Task ReadAsync(Stream answer, BuildOutput output, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int start = 0, end = 0;
        while (true)
        {
            if (end == buffer.Length)
            {
                // Keep the unfinished value at the front; grow only when it alone fills the buffer.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    (end, start) = (end - start, 0);
                }
                else
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            var read = await answer.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (buffer.AsSpan(start, end - start).Trim(" \t\r\n"u8).Length > 0)
                {
                    throw new EngineAnswerException("POST /build", "a build message that ends before it is complete");
                }

                return;
            }

            end += read;
            start += Parse(buffer.AsSpan(start, end - start), output);
        }
    }

    /// <summary>Reports every complete value in <paramref name="data"/>; returns the bytes consumed.</summary>
    private static int Parse(ReadOnlySpan<byte> data, BuildOutput output)
    {
        var consumed = 0;
        while (true)
        {
            var rest = data[consumed..];
            var skipped = rest.Length - rest.TrimStart(" \t\r\n"u8).Length;
            if (skipped == rest.Length)
            {
                return consumed + skipped;
            }

            var reader = new Utf8JsonReader(rest[skipped..], isFinalBlock: false, state: default);
            if (!JsonDocument.TryParseValue(ref reader, out var document))
            {
                return consumed + skipped;
            }

            using (document)
            {
                output.Report(document.RootElement);
            }

            consumed += skipped + (int)reader.BytesConsumed;
        }
    }
}
