using System.Text;
using System.Text.RegularExpressions;

namespace Clawker.Docker.Ssh;

/// <summary>
/// What ssh (and the remote <c>docker</c>) wrote to stderr: the last few KB kept, and shown only
/// scrubbed of anything that looks like key material (PEM blocks, long base64 runs).
/// </summary>
internal sealed partial class SshStderr
{
    /// <summary>How much of the end of stderr is kept.</summary>
    public const int Kept = 8 * 1024;

    private readonly StringBuilder _text = new();
    private readonly object _gate = new();

    /// <summary>Appends a chunk, dropping the oldest text beyond <see cref="Kept"/>.</summary>
    public void Append(ReadOnlySpan<char> chunk)
    {
        lock (_gate)
        {
            _text.Append(chunk);
            if (_text.Length > Kept)
            {
                _text.Remove(0, _text.Length - Kept);
            }
        }
    }

    /// <summary>Everything kept, raw (for classification only, never for messages).</summary>
    public string Raw
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>The kept text fit for a message: key-like material replaced, one line, at most <paramref name="max"/> characters.</summary>
    public string Shown(int max = EngineText.MaxShown) => Scrub(Raw, max);

    /// <summary><paramref name="text"/> with PEM blocks and base64 runs of 40+ characters replaced, as one bounded line.</summary>
    internal static string Scrub(string text, int max = EngineText.MaxShown)
    {
        try
        {
            var scrubbed = PemBlock().Replace(text, "[key material removed]");
            scrubbed = LongBase64().Replace(scrubbed, m => LooksLikeKey(m.Value) ? "[removed]" : m.Value);
            return EngineText.Excerpt(scrubbed, max);
        }
        catch (RegexMatchTimeoutException)
        {
            // Never show what could not be checked.
            return "(ssh's message withheld: it could not be checked for key material in time)";
        }
    }

    // Key bodies mix upper case, lower case and digits; long paths and words rarely do.
    private static bool LooksLikeKey(string run) => run.Any(char.IsAsciiDigit) && run.Any(char.IsAsciiLetterUpper) && run.Any(char.IsAsciiLetterLower);

    // A PEM block, or the start of one cut off by the kept window.
    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)|^(?:(?!-----BEGIN )[\s\S])*?-----END [A-Z0-9 ]+-----", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PemBlock();

    // Long base64 runs (a public or private key body, a token). Host key fingerprints (SHA256:43 characters) go too: a fair price.
    [GeneratedRegex(@"[A-Za-z0-9+/=_-]{40,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LongBase64();
}
