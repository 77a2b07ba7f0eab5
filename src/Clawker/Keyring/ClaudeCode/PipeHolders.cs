using System.ComponentModel;
using System.Diagnostics;
using System.IO.Pipes;

namespace Clawker.Keyring;

/// <summary>
/// The processes still holding the other end of one of our pipes: a helper's background child
/// (<c>key; daemon &amp;</c>) keeps its stdout open after the helper exits and is re-parented, so
/// the helper's process tree no longer contains it. On Linux they are found through
/// <c>/proc/*/fd</c> by the pipe's inode (unique while the pipe lives) and killed; elsewhere
/// nothing is found and the keyring timeout bounds the wait.
/// </summary>
internal static class PipeHolders
{
    /// <summary>The pipe's identity as <c>/proc</c> shows it (<c>pipe:[inode]</c>), or <see langword="null"/> off Linux.</summary>
    public static string? Identify(Stream stream)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe)
        {
            return null;
        }

        try
        {
            var target = new FileInfo($"/proc/self/fd/{pipe.SafePipeHandle.DangerousGetHandle()}").LinkTarget;
            return target is not null && target.StartsWith("pipe:[", StringComparison.Ordinal) ? target : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>Kills every other process with an fd on one of <paramref name="pipes"/>; returns how many.</summary>
    public static int Kill(IReadOnlyCollection<string?> pipes)
    {
        var wanted = pipes.OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return 0;
        }

        var self = Environment.ProcessId;
        var killed = 0;
        foreach (var pid in Pids())
        {
            if (pid != self && Holds(pid, wanted) && KillOne(pid))
            {
                killed++;
            }
        }

        return killed;
    }

    private static IEnumerable<int> Pids()
    {
        string[] entries;
        try
        {
            entries = Directory.GetDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var entry in entries)
        {
            if (int.TryParse(Path.GetFileName(entry), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private static bool Holds(int pid, HashSet<string> wanted)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                if (new FileInfo(fd).LinkTarget is { } target && wanted.Contains(target))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or another user's: not one we started.
        }

        return false;
    }

    private static bool KillOne(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return false;
        }
    }
}
