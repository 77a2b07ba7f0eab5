using System.Diagnostics;
using System.IO.Pipes;

namespace Clawker.Publishing;

/// <summary>
/// The processes holding a child's output pipes, found through <c>/proc</c> (Linux): only the
/// child and what it started inherit them, so they are the helper's, even after leaving its tree
/// (a double fork, <c>setsid</c>) where <see cref="Process.Kill(bool)"/> no longer reaches.
/// A process that closed the pipes (a daemon with its own stdio) is not found: it is neither
/// waited for nor killed. Elsewhere (no <c>/proc</c>, or one of another PID namespace) nothing is
/// found: see docs/image-push.md.
/// </summary>
internal static class PipeHolders
{
    private static readonly Pipes None = new(new HashSet<string>(), 0);

    /// <summary>The pipes' names as <c>/proc</c> shows them (<c>pipe:[inode]</c>), and when the child started; read right after the start, while our ends are open.</summary>
    /// <param name="child">The child's PID.</param>
    /// <param name="ends">Our ends of the child's pipes.</param>
    public static Pipes Of(int child, params Stream[] ends)
    {
        // A child already exited and reaped has no start time left: then this process's own,
        // which still excludes it and everything older (its parents).
        if (!OperatingSystem.IsLinux() || !OursToSignal() || (StartTime(child) ?? StartTime(Environment.ProcessId)) is not { } since)
        {
            return None;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var end in ends)
        {
            if (end is PipeStream { SafePipeHandle: { IsInvalid: false, IsClosed: false } handle }
                && Link($"/proc/self/fd/{handle.DangerousGetHandle()}") is { } name
                && name.StartsWith("pipe:", StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        return new Pipes(names, since);
    }

    /// <summary>How long <see cref="Kill"/> may scan <c>/proc</c> at most.</summary>
    internal static readonly TimeSpan ScanBudget = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Kills every other process that holds one of <paramref name="pipes"/> and started no earlier
    /// than the child (each alone: what it started and did not hand the pipes is left). An older
    /// process (this one, its parents, one that opened the pipe through <c>/proc</c>) cannot have
    /// inherited them from the child, so it is never signalled.
    /// </summary>
    /// <param name="pipes">From <see cref="Of"/>.</param>
    public static void Kill(Pipes pipes)
    {
        if (pipes.Names.Count == 0)
        {
            return;
        }

        // A bound of its own: a hostile helper's children, each with many open files, must not
        // stretch the give-up step far past the helper's timeout; what is left unscanned is left.
        var started = Stopwatch.GetTimestamp();
        bool Within() => Stopwatch.GetElapsedTime(started) < ScanBudget;
        try
        {
            // Enumerated lazily: a read of /proc that fails midway ends the scan here, not in the caller.
            foreach (var dir in Directory.EnumerateDirectories("/proc").TakeWhile(_ => Within()))
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId
                    && StartTime(pid) >= pipes.Since && Holds(dir, pipes.Names, Within))
                {
                    Signal(pid);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // /proc unreadable (or no longer): what it showed so far was handled.
        }
    }

    private static void Signal(int pid)
    {
        try
        {
            using var holder = Process.GetProcessById(pid);
            holder.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone meanwhile, or not ours to signal.
        }
    }

    // /proc names processes by the PIDs of the namespace it was mounted for, a kill takes this
    // process's own: when they differ (unshare -p without --mount-proc), a PID read there may be
    // anyone here. Then nothing is found (the tree kill and the bound still hold).
    private static bool OursToSignal() =>
        Link("/proc/self") == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Field 22 of /proc/PID/stat: clock ticks since boot; the fields after the name, which may hold
    // spaces and parentheses, are counted from its last ')'.
    private static long? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 && long.TryParse(fields[19], System.Globalization.CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Holds(string process, IReadOnlySet<string> pipes, Func<bool> within)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")).TakeWhile(_ => within()).Any(fd => Link(fd) is { } name && pipes.Contains(name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exited, or another user's: it cannot hold our pipes unless it is ours.
            return false;
        }
    }

    private static string? Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>What <see cref="PipeHolders.Of"/> found: the pipes' names and the child's start (clock ticks since boot).</summary>
/// <param name="Names">The pipes' names (<c>pipe:[inode]</c>); empty when nothing is to be killed.</param>
/// <param name="Since">The child's start time.</param>
internal sealed record Pipes(IReadOnlySet<string> Names, long Since);
