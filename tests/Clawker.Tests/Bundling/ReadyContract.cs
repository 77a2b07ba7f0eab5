using System.Globalization;

namespace Clawker.Tests.Bundling;

/// <summary>
/// The ready signal as the Go clawker reads it, written as its parsers are (github:schmitthub/clawker;
/// docs/image-bundle.md has the contract):
/// <list type="bullet">
/// <item>the marker: <c>ParseReadyFile</c> in <c>test/harness/ready.go</c> at cb0b9af4 (2026-02-08):
/// <c>strings.Fields</c>, a <c>ts=</c> field through <c>strconv.ParseInt(.., 10, 64)</c>, a <c>pid=</c>
/// field through <c>strconv.Atoi</c>, an error when <c>ts</c> is missing (0);</item>
/// <item>the line: <c>waitForReady</c> in <c>internal/cmd/loop/shared/stream.go</c> (added fb74caa2,
/// 2026-02-20; the loop was removed in 7e80144e, 2026-05-11): a <c>bufio.Scanner</c> (lines, a
/// trailing CR dropped) over the container's stdout only (<c>runner.go</c> demuxes stderr into a
/// diagnostics buffer with <c>stdcopy.StdCopy</c>); a line starting <c>[clawker] error</c> fails,
/// one starting <c>[clawker] ready</c> is the signal, any other is skipped; the end of the stream
/// first is "stream ended before ready signal".</item>
/// </list>
/// </summary>
internal static class ReadyContract
{
    public const string MarkerPath = "/var/run/clawker/ready";

    public const string LinePrefix = "[clawker] ready";

    public const string ErrorPrefix = "[clawker] error";

    /// <summary>ParseReadyFile: the timestamp and pid, or an exception with Go's message.</summary>
    public static (long Timestamp, int Pid) ParseMarker(string content)
    {
        long timestamp = 0;
        var pid = 0;
        foreach (var part in content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("ts=", StringComparison.Ordinal))
            {
                timestamp = long.TryParse(part[3..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ts)
                    ? ts : throw new FormatException("invalid timestamp: " + part);
            }
            else if (part.StartsWith("pid=", StringComparison.Ordinal))
            {
                pid = int.TryParse(part[4..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)
                    ? p : throw new FormatException("invalid pid: " + part);
            }
        }

        return timestamp == 0 ? throw new FormatException("missing timestamp in ready file") : (timestamp, pid);
    }

    /// <summary>waitForReady over stdout: the ready line and what the loop parses after it, or an exception with Go's message.</summary>
    public static (string Line, string After) WaitForReady(string stdout)
    {
        var lines = stdout.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith(ErrorPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("container init failed: " + line);
            }

            if (line.StartsWith(LinePrefix, StringComparison.Ordinal))
            {
                return (line, string.Join('\n', lines.Skip(i + 1)));
            }
        }

        throw new InvalidOperationException("stream ended before ready signal");
    }
}
