using System.Text;

namespace Clawker.Docker;

/// <summary>What an engine says, made fit for a message: one line, at most a few hundred characters.</summary>
internal static class EngineText
{
    /// <summary>The longest engine-supplied text a message quotes.</summary>
    public const int MaxShown = 500;

    /// <summary>
    /// <paramref name="text"/> on one line (control characters and runs of white space become
    /// one space), trimmed, and when longer than <paramref name="max"/> cut in the middle: an
    /// engine's message often ends with what matters ("... returned a non-zero code: 127").
    /// </summary>
    public static string Excerpt(string? text, int max = MaxShown)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var line = new StringBuilder(Math.Min(text.Length, 4 * max));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
        }

        if (line.Length <= max)
        {
            return line.ToString();
        }

        var head = SafeCut(line, max * 3 / 5);
        var tailStart = line.Length - (max - head);
        if (char.IsLowSurrogate(line[tailStart]))
        {
            tailStart++;
        }

        return string.Concat(line.ToString(0, head), " [...] ", line.ToString(tailStart, line.Length - tailStart));
    }

    /// <summary>
    /// A line a build step printed, fit for a terminal, log or binlog: ANSI CSI and OSC sequences
    /// (colours, cursor moves, window titles, hyperlinks) dropped, a carriage return shown as a
    /// space, and any other control or bidirectional-override character written as <c>\xNN</c> /
    /// <c>\uNNNN</c>, so engine output can never drive the reader's terminal.
    /// </summary>
    public static string Printable(string line)
    {
        if (!line.Any(NeedsEscape))
        {
            return line;
        }

        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var next = i + 1 < line.Length ? line[i + 1] : '\0';
            if (c == '\u001b' && next == '[')
            {
                // CSI: parameter and intermediate bytes (0x20-0x3F), then one final byte (0x40-0x7E).
                i += 2;
                while (i < line.Length && line[i] is >= ' ' and <= '?')
                {
                    i++;
                }

                if (i < line.Length && line[i] is not (>= '@' and <= '~'))
                {
                    i--;
                }
            }
            else if (c == '\u001b' && next == ']')
            {
                // OSC: up to BEL or ESC \ (an unterminated one is dropped to the line's end, as a terminal would swallow it).
                var end = i + 2;
                while (end < line.Length && line[end] != '\a' && !(line[end] == '\u001b' && end + 1 < line.Length && line[end + 1] == '\\'))
                {
                    end++;
                }

                i = end < line.Length && line[end] == '\u001b' ? end + 1 : end;
            }
            else if (c == '\r')
            {
                text.Append(' ');
            }
            else if (NeedsEscape(c))
            {
                text.Append(c <= '\u00ff' ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static bool NeedsEscape(char c) => (char.IsControl(c) && c != '\t') || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';

    // Never leave half a surrogate pair at a cut.
    private static int SafeCut(StringBuilder line, int at) => char.IsHighSurrogate(line[at - 1]) ? at - 1 : at;
}
