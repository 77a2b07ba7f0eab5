namespace Clawker.Tests.Bundling;

/// <summary>
/// Runs the entrypoint as PID 1 of its own PID namespace, as in a container
/// (<c>unshare --pid --fork --mount-proc</c>), so <c>$$</c> is 1 in every agent and cannot
/// tell them apart. A fake <c>date</c> makes every start fall in the same second, which a
/// loaded machine could otherwise spread over two.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class EntrypointPidNamespace
{
    public const string Unavailable = "running the entrypoint as PID 1 needs unshare --pid --fork --mount-proc (root)";

    /// <summary>The command the entrypoint runs: it prints its PID, which is the entrypoint's (exec).</summary>
    public static readonly string[] PrintPid = ["sh", "-c", "echo pid=$$"];

    /// <summary>The wrapper, or null where PID namespaces are unavailable; <paramref name="before"/> runs first, inside.</summary>
    public static string[]? Wrapper(string before = ":")
    {
        if (!File.Exists("/usr/bin/unshare") || !Works())
        {
            return null;
        }

        return ["/usr/bin/unshare", "--pid", "--fork", "--mount-proc", "/bin/bash", "-c", before + "; exec \"$@\"", "pid1"];
    }

    /// <summary>Puts a <c>date</c> that always prints one UTC second first on the sandbox's PATH.</summary>
    public static void FreezeDate(EntrypointSandbox box, string stamp = "20250102T030405Z")
    {
        var date = Path.Combine(box.Bin, "date");
        File.WriteAllText(date, $"#!/bin/sh\necho {stamp}\n");
        File.SetUnixFileMode(date, Clawker.Bundling.ContextEntry.ScriptMode);
    }

    private static bool Works()
    {
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/unshare", ["--pid", "--fork", "--mount-proc", "/bin/true"])
        {
            RedirectStandardError = true,
        })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    /// <summary>Skips (or fails under CLAWKER_REQUIRE_INTEGRATION) without PID namespaces.</summary>
    public static string[] Require(string before = ":")
    {
        var wrapper = Wrapper(before);
        Integration.Require(wrapper is not null, Unavailable);
        return wrapper!;
    }
}
