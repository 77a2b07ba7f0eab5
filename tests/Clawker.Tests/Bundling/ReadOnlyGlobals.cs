namespace Clawker.Tests.Bundling;

/// <summary>
/// Makes the globals folder really read-only for the entrypoint. As root a chmod means
/// nothing, so the entrypoint runs in a private mount namespace where the folder is bind-
/// mounted read-only (EROFS, as a read-only volume gives). As another user, mode 0555 is
/// enough. The wrapper first probes the folder and prints <see cref="ProbeWritable"/> if a
/// write still works, so the test cannot pass without exercising the failure.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class ReadOnlyGlobals
{
    public const string ProbeWritable = "PROBE: globals folder is writable";

    public const string Unavailable = "cannot make a read-only folder here: needs root with unshare and mount, or a non-root user";

    public static string[]? Wrapper(EntrypointSandbox box)
    {
        var probe = $"if touch '{box.Globals}/probe' 2>/dev/null; then echo '{ProbeWritable}'; rm -f '{box.Globals}/probe'; fi";
        if (Environment.UserName != "root")
        {
            File.SetUnixFileMode(box.Globals, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            return ["/bin/sh", "-c", probe + "; exec \"$@\"", "sh"];
        }

        if (!File.Exists("/usr/bin/unshare") || !CanUnshareMounts())
        {
            return null;
        }

        return ["/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
            $"mount --bind '{box.Globals}' '{box.Globals}' && mount -o remount,bind,ro '{box.Globals}' && {probe}; exec \"$@\"", "sh"];
    }

    private static bool CanUnshareMounts()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "/usr/bin/unshare", ["--mount", "/bin/true"]) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
