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

    // Never leave half a surrogate pair at a cut.
    private static int SafeCut(StringBuilder line, int at) => char.IsHighSurrogate(line[at - 1]) ? at - 1 : at;
}
