namespace Clawker.Tests.Infrastructure;

/// <summary>
/// Runs one test method again, in a fresh process of this test assembly, as the unprivileged
/// user <c>nobody</c> (root reads every file, so "permission denied" can only be seen this way).
/// The test checks <see cref="Inside"/>: outside it prepares files and calls <see cref="RunAsync"/>;
/// inside it asserts. Values travel in environment variables.
/// </summary>
internal static class AsNobody
{
    private const string Variable = "CLAWKER_TEST_AS_NOBODY";

    public static bool Inside => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Skips (fails in CI) unless running as root with setpriv.</summary>
    public static void Require() =>
        Integration.Require(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/setpriv"),
            "testing an unreadable file needs root (to make one) and setpriv (to drop to nobody)");

    /// <summary>Outside the child: <see cref="Require"/>, then whether this platform can run it (a guard the platform analyzer knows).</summary>
    [SupportedOSPlatformGuard("linux")]
    public static bool CanRun()
    {
        Require();
        return OperatingSystem.IsLinux();
    }

    /// <summary>Runs <paramref name="method"/> (Class.Method, full name) as nobody; fails the test when it fails or did not run.</summary>
    [SupportedOSPlatform("linux")]
    public static async Task RunAsync(string method, IReadOnlyDictionary<string, string> variables)
    {
        using var home = new TempDirectory("clawker-nobody-");
        File.SetUnixFileMode(home.Path, (UnixFileMode)0x1FF); // 0777: nobody's HOME
        var start = new ProcessStartInfo("/usr/bin/setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", "dotnet", "exec", typeof(AsNobody).Assembly.Location, "-method", method, "-noColor" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = home.Path;
        start.Environment["DOTNET_CLI_HOME"] = home.Path;
        start.Environment[Variable] = "1";
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        var log = await output + await errors;
        process.ExitCode.ShouldBe(0, log);
        // Every row of a theory runs inside (same variables, same assertions): at least one, none failed or skipped.
        log.ShouldMatch(@"Total: [1-9][0-9]*, Errors: 0, Failed: 0, Skipped: 0", log);
    }
}
