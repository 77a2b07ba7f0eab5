using System.Diagnostics;
using Clawker.MSBuild.TaskHost;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tests.TaskHost;

/// <summary>
/// The MSBuild side of the native task host against hosts that are bash scripts (what a broken or
/// hostile host can do), and against the real host, built in the solution, on the real engine.
/// The AOT host the package ships is run by the end-to-end tests (EndToEnd/NativeTaskHostPackageTests
/// and PrepareOnRunTests).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NativeTaskHostTests : IDisposable
{
    private readonly TempDirectory _dir = new("clk-th-");

    // The host built with the solution (JIT), in this test run's configuration.
    private static readonly string RealHost = Path.Combine(RepoRoot.Path, "src", "Clawker.MSBuild.TaskHost", "bin",
#if DEBUG
        "Debug",
#else
        "Release",
#endif
        "net10.0", NativeTaskHost.FileName);

    // A short kill grace for the hosts here that ignore the end of their stdin (the class's tests run one at a time).
    public NativeTaskHostTests() => NativeTaskHost.KillGrace = TimeSpan.FromSeconds(3);

    public void Dispose()
    {
        NativeTaskHost.KillGrace = null;
        _dir.Dispose();
    }

    // A host that reads the request to its empty line, then runs the given bash.
    private string Host(string body, bool executable = true)
    {
        var path = _dir.Combine($"host-{Guid.NewGuid():N}");
        File.WriteAllText(path, "#!/bin/bash\nwhile IFS= read -r line && [ -n \"$line\" ]; do :; done\n" + body + "\n");
        if (executable)
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static EnsureClawkerGlobalsVolume Task(TestBuildEngine engine, string host) => new()
    {
        BuildEngine = engine,
        UseNativeTaskHost = true,
        FindNativeTaskHost = () => host,
        // In MSBuild (after a broken host) this fails fast and coded: nothing listens there.
        DockerHost = $"unix:///tmp/clawker-no-such-{Guid.NewGuid():N}.sock",
    };

    private static string LowMessages(TestBuildEngine engine) =>
        string.Join("\n", engine.Messages.Where(m => m.Importance == MessageImportance.Low).Select(m => m.Message));

    [Fact]
    public void A_whole_reply_is_logged_as_the_tasks_own_with_its_outputs()
    {
        var host = Host("""
            printf 'A\n'
            printf 'M\t1\tfirst line\\nsecond\\tcolumn\n'
            printf 'W\tClawker\tCLAWKER1008\ta warning\n'
            printf 'E\tClawker\tCLAWKER2004\tan error\n'
            printf 'O\tVolumeName\tclawker-globals\n'
            printf 'O\tNoSuchOutput\tignored\n'
            printf 'R\t0\n'
            """);
        var engine = new TestBuildEngine();
        var task = Task(engine, host);

        task.Execute().ShouldBeFalse();

        engine.Messages.ShouldContain(m => m.Message == "first line\nsecond\tcolumn" && m.Importance == MessageImportance.Normal);
        var warning = engine.Warnings.ShouldHaveSingleItem();
        (warning.Subcategory, warning.Code, warning.Message).ShouldBe(("Clawker", "CLAWKER1008", "a warning"));
        var error = engine.Errors.ShouldHaveSingleItem();
        (error.Subcategory, error.Code, error.Message, error.File).ShouldBe(("Clawker", "CLAWKER2004", "an error", "test.csproj"));
        task.VolumeName.ShouldBe("clawker-globals");
        LowMessages(engine).ShouldContain("ran in the native task host " + host);
    }

    [Theory]
    [InlineData("exit 1", "ended (exit code 1) without a whole reply")]
    [InlineData("printf 'M\\t1\\tpartial\\n'; printf 'R\\t1\\n'", "replied with a record it should not send")]
    [InlineData("printf 'X\\tbogus\\n'; printf 'R\\t1\\n'", "replied with a record it should not send")]
    [InlineData("head -c 6000000 /dev/zero | tr '\\0' 'M'", "replied more than a task's log can be")]
    [InlineData("exec 1>&-; sleep 0.2; exit 0", "ended (exit code 0) without a whole reply")]
    public void A_host_that_has_not_taken_the_task_leaves_it_to_MSBuild_and_nothing_it_said_is_logged(string body, string why)
    {
        var engine = new TestBuildEngine();
        var task = Task(engine, Host(body));

        task.Execute().ShouldBeFalse();

        // The task ran here: its own coded failure, and nothing the host said.
        engine.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.EngineUnreachable);
        engine.AllText.ShouldNotContain(t => t.Contains("partial", StringComparison.Ordinal) || t.Contains("bogus", StringComparison.Ordinal));
        LowMessages(engine).ShouldContain("EnsureClawkerGlobalsVolume runs in MSBuild: the native task host");
        LowMessages(engine).ShouldContain(why);
    }

    [Theory]
    [InlineData("printf 'A\\nM\\t1\\tpartial\\n'; exit 1", "ended (exit code 1) without a whole reply")]
    [InlineData("printf 'A\\nM\\t7\\tpartial\\n'; printf 'R\\t1\\n'", "replied with a record it should not send")]
    [InlineData("printf 'A\\nE\\ttoo\\tpartial\\n'; printf 'R\\t1\\n'", "replied with a record it should not send")]
    [InlineData("printf 'A\\nM\\t1\\tpartial\\nR\\t0\\n'", "reported a failure without an error")]
    [InlineData("printf 'A\\nA\\n'; printf 'R\\t1\\n'", "replied with a record it should not send")]
    [InlineData("printf 'A\\n'; head -c 6000000 /dev/zero | tr '\\0' 'M'", "replied more than a task's log can be")]
    public void A_host_that_took_the_task_and_did_not_finish_it_is_CLAWKER5005_and_the_task_does_not_run_again(string body, string why)
    {
        var engine = new TestBuildEngine();
        var task = Task(engine, Host(body));

        task.Execute().ShouldBeFalse();

        // Not run again here (that would be CLAWKER2001): the host may have done part of it.
        var error = engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.NativeTaskHostFailed);
        error.Message!.ShouldContain(why);
        error.Message!.ShouldContain("ClawkerNativeTaskHost=false");
        engine.AllText.ShouldNotContain(t => t.Contains("partial", StringComparison.Ordinal));
    }

    [Fact]
    public void A_host_that_cannot_start_leaves_the_task_to_MSBuild()
    {
        var engine = new TestBuildEngine();
        var task = Task(engine, Host("printf 'R\\t1\\n'", executable: false));

        task.Execute().ShouldBeFalse();

        engine.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.EngineUnreachable);
        LowMessages(engine).ShouldContain("could not start (Win32Exception)");
    }

    [Fact]
    public void The_request_holds_the_header_the_task_and_each_set_input_escaped_and_never_the_switch()
    {
        var request = _dir.Combine("request.txt");
        var path = _dir.Combine("recording-host");
        File.WriteAllText(path, $"#!/bin/bash\nwhile IFS= read -r line && [ -n \"$line\" ]; do printf '%s\\n' \"$line\" >> '{request}'; done\nprintf 'A\\nR\\t1\\n'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var task = new ValidateClawkerCredentials
        {
            BuildEngine = new TestBuildEngine(),
            UseNativeTaskHost = true,
            FindNativeTaskHost = () => path,
            DockerHost = "tcp://h:1\tx\ny\\z",
            SeedGlobalsLogin = true,
        };

        task.Execute().ShouldBeTrue();

        var lines = File.ReadAllLines(request);
        lines[0].ShouldBe(TaskHostProtocol.Header);
        lines[0].ShouldStartWith("clawker-taskhost 1 ");
        lines[1].ShouldBe(nameof(ValidateClawkerCredentials));
        lines.ShouldContain(@"DockerHost	tcp://h:1\tx\ny\\z");
        lines.ShouldContain("SeedGlobalsLogin\ttrue");
        lines.ShouldContain("RunApiKeyHelper\tfalse");
        lines.ShouldNotContain(l => l.StartsWith("UseNativeTaskHost", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.StartsWith("NotFound", StringComparison.Ordinal), "an input left unset is not sent");
    }

    [Fact]
    public async Task A_cancelled_build_closes_the_hosts_stdin_and_the_host_ends_its_work()
    {
        var started = _dir.Combine("started");
        var ended = _dir.Combine("ended");
        // Waits for the end of stdin, as the real host does, then says so.
        var host = Host($"printf 'A\\n'; touch '{started}'; cat >/dev/null; touch '{ended}'; printf 'R\\t0\\n'");
        var engine = new TestBuildEngine();
        var task = Task(engine, host);

        var run = System.Threading.Tasks.Task.Run(task.Execute, TestContext.Current.CancellationToken);
        WaitFor(started);
        task.Cancel();

        (await run.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)).ShouldBeFalse("the task returns once the host ends");
        File.Exists(ended).ShouldBeTrue("the host saw its stdin end");
        engine.Errors.ShouldBeEmpty();
        engine.Messages.ShouldContain(m => m.Message == "EnsureClawkerGlobalsVolume cancelled.");
    }

    [Fact]
    public async Task A_cancelled_host_that_does_not_end_is_killed()
    {
        var pidFile = _dir.Combine("pid");
        var host = Host($"trap '' INT TERM; echo $$ > '{pidFile}.tmp'; mv '{pidFile}.tmp' '{pidFile}'; exec sleep 600 <&-");
        var engine = new TestBuildEngine();
        var task = Task(engine, host);

        var run = System.Threading.Tasks.Task.Run(task.Execute, TestContext.Current.CancellationToken);
        WaitFor(pidFile);
        var watch = Stopwatch.StartNew();
        task.Cancel();

        (await run.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)).ShouldBeFalse();
        watch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(2.5), "it had its grace period (3 s here)");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "and was killed after it");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Alive(pid).ShouldBeFalse("the host was killed");
    }

    [Fact]
    public async Task A_cancelled_build_ends_a_host_that_never_reads_a_request_larger_than_its_pipe()
    {
        var pidFile = _dir.Combine("pid");
        // Reads nothing: the request, 90 KB of UTF-8 in fewer chars than the limit, fills the 64 KiB pipe and the write blocks.
        var host = _dir.Combine("deaf-host");
        File.WriteAllText(host, $"#!/bin/bash\ntrap '' INT TERM; sleep 1; echo $$ > '{pidFile}.tmp'; mv '{pidFile}.tmp' '{pidFile}'; exec sleep 600\n");
        File.SetUnixFileMode(host, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var engine = new TestBuildEngine();
        var task = Task(engine, host);
        task.DockerHost = "unix:///" + new string('\u20ac', 30_000);

        var run = System.Threading.Tasks.Task.Run(task.Execute, TestContext.Current.CancellationToken);
        WaitFor(pidFile); // a second after the host started: the write, right after its start, has filled the pipe
        // On its own thread (not the pool's, which a loaded machine starves), timed there: a Cancel that waited for the write would never return.
        var cancelTook = TimeSpan.MaxValue;
        var cancel = new Thread(() =>
        {
            var watch = Stopwatch.StartNew();
            task.Cancel();
            cancelTook = watch.Elapsed;
        }) { IsBackground = true };
        cancel.Start();
        cancel.Join(TimeSpan.FromSeconds(30)).ShouldBeTrue("Cancel returned");
        cancelTook.ShouldBeLessThan(TimeSpan.FromSeconds(2.5), "Cancel returns at once, before the kill");

        (await run.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)).ShouldBeFalse();
        engine.Errors.ShouldBeEmpty();
        engine.Messages.ShouldContain(m => m.Message == "EnsureClawkerGlobalsVolume cancelled.");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Alive(pid).ShouldBeFalse("the host was killed, which ended the write");
    }

    [Fact]
    public void The_real_host_runs_the_real_task_on_the_real_engine()
    {
        TestEngine.Require();
        var host = RealHost;
        File.Exists(host).ShouldBeTrue($"{host}: build the solution first");
        var engine = new TestBuildEngine();
        var task = new EnsureClawkerGlobalsVolume { BuildEngine = engine, UseNativeTaskHost = true, FindNativeTaskHost = () => host, DockerHost = TestEngine.Host };

        task.Execute().ShouldBeTrue(string.Join("\n", engine.AllText));

        task.VolumeName.ShouldBe("clawker-globals");
        task.Outcome.ShouldBeOneOf("Created", "AlreadyExisted");
        engine.Messages.ShouldContain(m => m.Message!.StartsWith("Clawker volume clawker-globals: ", StringComparison.Ordinal) && m.Importance == MessageImportance.Normal);
        LowMessages(engine).ShouldContain("ran in the native task host");
    }

    [Theory]
    [InlineData("clawker-taskhost 0 old\nEnsureClawkerGlobalsVolume\n\n")]
    [InlineData("{header}\nNoSuchTask\n\n")]
    [InlineData("{header}\nEnsureClawkerGlobalsVolume\nNoSuchInput\tx\n\n")]
    [InlineData("{header}\nEnsureClawkerGlobalsVolume\nUseNativeTaskHost\ttrue\n\n")]
    [InlineData("{header}\nValidateClawkerCredentials\nEnsureGlobalsVolume\tyes\n\n")]
    [InlineData("{header}\nEnsureClawkerGlobalsVolume\nDockerHost\tunix:///x")]
    public async Task The_real_host_refuses_a_request_it_cannot_take_with_exit_code_2(string request)
    {
        var host = RealHost;
        File.Exists(host).ShouldBeTrue($"{host}: build the solution first");
        using var process = Process.Start(new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        await process.StandardInput.WriteAsync(request.Replace("{header}", TaskHostProtocol.Escape(TaskHostProtocol.Header), StringComparison.Ordinal));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.ShouldBe(2);
        output.ShouldBeEmpty();
    }

    private static void WaitFor(string file)
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(file))
        {
            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(1), $"{file} never appeared");
            Thread.Sleep(20);
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
