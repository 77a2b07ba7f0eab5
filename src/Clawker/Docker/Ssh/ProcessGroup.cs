using System.Runtime.InteropServices;

namespace Clawker.Docker.Ssh;

/// <summary>
/// Ends ssh's process group with one signal. setsid made ssh a session and group leader, and what
/// ssh starts (a ProxyCommand and its children) inherits the group. Process.Kill with
/// entireProcessTree reads every process's /proc entry to find children instead: 17-25 ms at the
/// end of every connection here, against one system call.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    /// <summary>
    /// SIGKILL to the group <paramref name="leader"/> leads. False when there is no such group
    /// (setsid has not run yet, or all of it is gone) or off Linux: the caller kills the tree instead.
    /// </summary>
    public static bool TryKill(int leader)
    {
        if (!OperatingSystem.IsLinux() || leader <= 1) // <= 1: kill(-1) would signal every process
        {
            return false;
        }

        try
        {
            return Kill(-leader, SigKill) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // no libc to bind: the caller's tree kill (and its reap) still runs
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Kill(int pid, int signal);
}
