using System.Text;

namespace Clawker.Docker;

/// <summary>What an engine says, made fit for a message: one line, at most a few hundred characters.</summary>
internal static class EngineText
{
    /// <summary>The longest engine-supplied text a message quotes.</summary>
    public const int MaxShown = 500;

    /// <summary>
    /// <paramref name="text"/> on one line (control characters and runs of white space become
    /// one space), trimmed, and cut after <paramref name="max"/> characters with a marker.
    /// </summary>
    public static string Excerpt(string? text, int max = MaxShown)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var line = new StringBuilder(Math.Min(text.Length, max) + 1);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (line.Length + (space ? 1 : 0) >= max)
            {
                // Never leave half a surrogate pair at the cut.
                var cut = char.IsHighSurrogate(line[^1]) ? line.Length - 1 : line.Length;
                return line.ToString(0, cut) + "... (cut: longer than " + max + " characters)";
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
        }

        return line.ToString();
    }
}
