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
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>The pipes' names as <c>/proc</c> shows them (<c>pipe:[inode]</c>); read right after the start, while our ends are open.</summary>
    /// <param name="ends">Our ends of the child's pipes.</param>
    public static IReadOnlySet<string> Of(params Stream[] ends)
    {
        if (!OperatingSystem.IsLinux() || !OursToSignal())
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

        return names;
    }

    /// <summary>Kills every other process that holds one of <paramref name="pipes"/> (each alone: what it started and did not hand the pipes is left).</summary>
    /// <param name="pipes">From <see cref="Of"/>.</param>
    public static void Kill(IReadOnlySet<string> pipes)
    {
        if (pipes.Count == 0)
        {
            return;
        }

        IEnumerable<string> processes;
        try
        {
            processes = Directory.EnumerateDirectories("/proc");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var dir in processes)
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId && Holds(dir, pipes))
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
        }
    }

    // /proc names processes by the PIDs of the namespace it was mounted for, a kill takes this
    // process's own: when they differ (unshare -p without --mount-proc), a PID read there may be
    // anyone here. Then nothing is found (the tree kill and the bound still hold).
    private static bool OursToSignal() =>
        Link("/proc/self") == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool Holds(string process, IReadOnlySet<string> pipes)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")).Any(fd => Link(fd) is { } name && pipes.Contains(name));
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
