namespace Clawker.Tests.Bundling;

/// <summary>
/// A temporary HOME for running the real entrypoint.sh with real bash: ~/.claude, an optional
/// globals folder (shared between sandboxes for the race test), a private ready-marker folder
/// and a fake <c>claude</c> on PATH that prints its arguments.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class EntrypointSandbox : IDisposable
{
    public EntrypointSandbox(string? sharedGlobals = null, bool createGlobals = true, string prefix = "clawker-entrypoint-")
    {
        Integration.Require(File.Exists("/bin/bash"), "the entrypoint tests need bash at /bin/bash");
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        Home = Path.Combine(Root, "home");
        Directory.CreateDirectory(Path.Combine(Home, ".claude"));
        Globals = sharedGlobals ?? Path.Combine(Home, ".clawker-globals");
        if (createGlobals)
        {
            Directory.CreateDirectory(Globals);
        }

        Bin = Path.Combine(Root, "bin");
        Directory.CreateDirectory(Bin);
        File.WriteAllText(Path.Combine(Bin, "claude"), "#!/bin/bash\nprintf 'fake-claude'; for a in \"$@\"; do printf ' [%s]' \"$a\"; done; printf '\\n'\n");
        File.SetUnixFileMode(Path.Combine(Bin, "claude"), ContextEntry.ScriptMode);
        Script = Path.Combine(Root, "entrypoint.sh");
        File.WriteAllBytes(Script, EmbeddedAssets.Get(AssetNames.Entrypoint));
    }

    public string Root { get; }

    public string Home { get; }

    public string Globals { get; }

    public string Bin { get; }

    public string Script { get; }

    public string ReadyDir => Path.Combine(Root, "run");

    public string ClaudeDir => Path.Combine(Home, ".claude");

    public string LocalCredentials => Path.Combine(ClaudeDir, ".credentials.json");

    public string GlobalCredentials => Path.Combine(Globals, ".credentials.json");

    public string InitDir => Path.Combine(Home, ".claude-init");

    /// <summary>The environment the entrypoint sees; PATH puts the fake claude first.</summary>
    public Dictionary<string, string> Environment(string? path = null) => new()
    {
        ["HOME"] = Home,
        ["CLAWKER_GLOBALS_DIR"] = Globals,
        ["CLAWKER_READY_DIR"] = ReadyDir,
        ["PATH"] = path ?? $"{Bin}:/usr/local/bin:/usr/bin:/bin",
    };

    /// <summary>
    /// A PATH of only the fake claude and busybox with the tools a minimal image has
    /// (docs/image-bundle.md), plus <paramref name="extra"/> programs linked in (jq, say).
    /// </summary>
    public string BusyboxPath(params string[] extra)
    {
        var busybox = File.Exists("/usr/bin/busybox") ? "/usr/bin/busybox" : "/bin/busybox";
        Integration.Require(File.Exists(busybox), "busybox is not installed (apt-get install busybox-static)");
        var tools = Path.Combine(Root, "busybox-bin");
        Directory.CreateDirectory(tools);
        foreach (var applet in new[] { "cp", "mv", "ln", "rm", "mkdir", "chmod", "cmp", "mktemp", "date", "readlink", "cat", "true", "sh" })
        {
            File.CreateSymbolicLink(Path.Combine(tools, applet), busybox);
        }

        foreach (var program in extra)
        {
            File.CreateSymbolicLink(Path.Combine(tools, Path.GetFileName(program)), program);
        }

        return $"{Bin}:{tools}";
    }

    /// <summary>Runs <c>bash entrypoint.sh args</c>; a wrapper (argv before bash) can change user or mounts.</summary>
    /// <summary>Writes the local and the global login (those given); the arrangement of most credential tests.</summary>
    public void WriteLogins(string? local = null, string? global = null)
    {
        if (local is not null)
        {
            File.WriteAllText(LocalCredentials, local);
        }

        if (global is not null)
        {
            File.WriteAllText(GlobalCredentials, global);
        }
    }

    /// <summary>Starts the entrypoint again and asserts it succeeds and changes nothing under <paramref name="folder"/>.</summary>
    public async Task RestartShouldChangeNothingAsync(string folder, string because)
    {
        var before = EntrypointCredentialsTests.Snapshot(folder);
        (await RunAsync("true")).ExitCode.ShouldBe(0);
        EntrypointCredentialsTests.Snapshot(folder).ShouldBe(before, because);
    }

    public Task<RunResult> RunAsync(params string[] args) => RunWithAsync([], "/bin/bash", args);

    public async Task<RunResult> RunWithAsync(string[] wrapper, string bash, string[] args, Dictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : bash)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in wrapper.Skip(1))
        {
            psi.ArgumentList.Add(arg);
        }

        if (wrapper.Length > 0)
        {
            psi.ArgumentList.Add(bash);
        }

        psi.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment.Clear();
        foreach (var (key, value) in environment ?? Environment())
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(RunBound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // A blocked entrypoint (a read of a FIFO, say) fails its test instead of hanging the suite.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return new RunResult(-1, await stdout, await stderr, TimedOut: true);
        }

        return new RunResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// A run takes well under a second; this bound only proves "does not hang", with room for a
    /// loaded machine.
    /// </summary>
    public static readonly TimeSpan RunBound = TimeSpan.FromSeconds(30);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A mount left behind by a failed test must not hide the test's own failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal sealed record RunResult(int ExitCode, string Stdout, string Stderr, bool TimedOut = false)
    {
        /// <summary>The entrypoint's lines: those on stderr, then the ready line from stdout (always its last line).</summary>
        public string[] ClawkerLines => [.. Prefixed(Stderr), .. Prefixed(Stdout).Take(1)];

        /// <summary>stdout after the entrypoint's ready line: the command's own output.</summary>
        public string CommandStdout => Stdout.StartsWith(ReadyContract.LinePrefix, StringComparison.Ordinal) ? Stdout[(Stdout.IndexOf('\n', StringComparison.Ordinal) + 1)..] : Stdout;

        private static IEnumerable<string> Prefixed(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("[clawker]", StringComparison.Ordinal));

        /// <summary>stderr lines without the prefix: a tool's own message that leaked (cmp, rm, bash).</summary>
        public string[] StrayLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("[clawker]", StringComparison.Ordinal)).ToArray();

        /// <summary>Asserts the run ended within the bound, with <paramref name="exitCode"/> and no tool's own line on stderr.</summary>
        public void ShouldExitCleanly(int exitCode)
        {
            TimedOut.ShouldBeFalse(ToString());
            ExitCode.ShouldBe(exitCode, ToString());
            StrayLines.ShouldBeEmpty(ToString());
        }

        public override string ToString() =>
            (TimedOut ? $"TIMED OUT after {RunBound.TotalSeconds:0} s (killed)\n" : "") + $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }
}
