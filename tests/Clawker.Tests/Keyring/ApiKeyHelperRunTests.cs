using System.Diagnostics;
using Clawker.Keyring;

namespace Clawker.Tests.Keyring;

/// <summary>
/// RunApiKeyHelper: the helper runs in /bin/sh from the project folder, bounded by the keyring
/// timeout, its tree killed on timeout or cancel; exit 0 with output passes, empty is 1002, slow
/// 1006, non-zero 1013; its output (a known secret) appears nowhere.
/// </summary>
public sealed class ApiKeyHelperRunTests : HelperSandboxTests
{
    private static void RequireUnix() => Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper runs in /bin/sh here; Windows uses Git Bash");

    private Task<CredentialCheckResult> RunAsync(string command, TimeSpan? timeout = null, CancellationToken? cancel = null)
    {
        HelperSandbox.SetHelper(Box.ProjectFile, command);
        return ClaudeCodeCredentials.CheckAsync(Box.Options(run: true, timeout: timeout), cancel ?? Ct);
    }

    private static void NoSecretIn(Exception error)
    {
        error.ToString().ShouldNotContain(HelperSandbox.Secret);
        error.ToString().ShouldNotContain("KNOWN-HELPER");
    }

    [Fact]
    public async Task Not_run_unless_asked()
    {
        RequireUnix();
        var marker = Path.Combine(Box.Root, "ran");
        HelperSandbox.SetHelper(Box.ProjectFile, $"touch {marker}");

        var result = await ClaudeCodeCredentials.CheckAsync(Box.Options(run: false), Ct);

        result.Source.ShouldContain("not run (ClawkerRunApiKeyHelper / RunApiKeyHelper runs it)");
        File.Exists(marker).ShouldBeFalse();
    }

    [Fact]
    public async Task Exit_0_with_output_passes_and_the_output_is_nowhere_in_the_result()
    {
        RequireUnix();
        var script = Box.Script("get-key", $"pwd > '{Box.Root}/cwd'; echo {HelperSandbox.Secret}; echo {HelperSandbox.Secret} >&2");

        var result = await RunAsync(script);

        result.Source.ShouldContain("it ran, exited 0 and printed a key");
        string.Join('\n', [result.ToString(), result.Source, result.OverriddenBy, .. result.Notes]).ShouldNotContain(HelperSandbox.Secret);
        File.ReadAllText(Path.Combine(Box.Root, "cwd")).Trim().ShouldBe(Box.Project, "Claude Code runs it from the project folder");
    }

    [Fact]
    public async Task It_runs_in_sh_so_pipes_and_builtins_work_as_in_Claude_Code()
    {
        RequireUnix();
        (await RunAsync($"printf '%s\\n' {HelperSandbox.Secret} | tr a-z A-Z")).Source.ShouldContain("printed a key");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("printf ''")]
    [InlineData("printf ' \\n\\t\\r\\n'")]
    [InlineData("echo " + HelperSandbox.Secret + " >&2")]
    public async Task Exit_0_with_blank_stdout_is_the_Empty_sentinel_CLAWKER1002(string command)
    {
        RequireUnix();
        var error = await Should.ThrowAsync<CredentialException>(() => RunAsync(command)).OfKind(CredentialErrorKind.Empty);

        error.Code.ShouldBe("CLAWKER1002");
        error.Message.ShouldContain(Box.ProjectFile);
        NoSecretIn(error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(127)]
    public async Task A_non_zero_exit_is_CLAWKER1013_with_the_code_and_no_output(int code)
    {
        RequireUnix();
        var script = Box.Script("get-key", $"echo {HelperSandbox.Secret}; echo {HelperSandbox.Secret} >&2; exit {code}");

        var error = await Should.ThrowAsync<CredentialException>(() => RunAsync(script)).OfKind(CredentialErrorKind.HelperFailed);

        error.Code.ShouldBe("CLAWKER1013");
        error.Message.ShouldContain($"exited with code {code}");
        NoSecretIn(error);
    }

    [Fact]
    public async Task A_slow_helper_is_CLAWKER1006_at_the_keyring_timeout_and_its_process_tree_is_killed()
    {
        RequireUnix();
        var pids = Path.Combine(Box.Root, "pids");
        var script = Box.Script("get-key", $"echo {HelperSandbox.Secret}; sleep 60 & echo $! > '{pids}'; wait");

        var clock = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<CredentialException>(() => RunAsync(script, TimeSpan.FromMilliseconds(1500))).OfKind(CredentialErrorKind.Timeout);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        error.Code.ShouldBe("CLAWKER1006");
        error.Message.ShouldContain("1500 ms");
        NoSecretIn(error);
        await ShouldBeGoneAsync(int.Parse(File.ReadAllText(pids).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Cancelling_kills_the_process_tree_and_throws_OperationCanceled()
    {
        RequireUnix();
        var pids = Path.Combine(Box.Root, "pids");
        var script = Box.Script("get-key", $"sleep 60 & echo $! > '{pids}'; wait");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = RunAsync(script, TimeSpan.FromSeconds(60), cancel.Token);
        await WaitForAsync(() => File.Exists(pids) && File.ReadAllText(pids).Trim().Length > 0);

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(15), Ct));
        await ShouldBeGoneAsync(int.Parse(File.ReadAllText(pids).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task ShouldBeGoneAsync(int pid)
    {
        // Killed, then reaped by init: /proc/<pid> disappears (or shows a zombie for a moment).
        await WaitForAsync(() => !File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "waited for the condition");
            await Task.Delay(50, Ct);
        }
    }
}
