using System.Diagnostics;
using Clawker.Publishing;

namespace Clawker.Tests.Publishing;

/// <summary>
/// A caller in a PID namespace of its own whose <c>/proc</c> is the outer one (<c>unshare -p -f</c>
/// without <c>--mount-proc</c>): <c>/proc</c> names processes by outer PIDs, a kill takes inner
/// ones. The helper's script makes an unrelated process (its own session, <c>/dev/null</c> stdio)
/// whose inner PID is the outer PID of the process holding the helper's pipe; giving up must not
/// kill it. The case re-runs this test assembly under <c>unshare -Urpf</c> (real kernel namespaces).
/// </summary>
public sealed class PipeHoldersNamespaceTests
{
    private const string Inside = "CLAWKER_TEST_INSIDE_PID_NAMESPACE";

    // The holder reads its outer PID from the outer /proc (a shell builtin's redirection: the shell's own
    // stat); the next inner PID is set to it, and the victim started then gets it.
    private const string Body =
        "sh -c 'read p rest < /proc/self/stat; echo $p > \"$0.holder\"; exec sleep 60' \"$0\" & " +
        "until [ -s \"$0.holder\" ]; do sleep 0.05; done; p=$(cat \"$0.holder\"); " +
        "echo $((p - 1)) > /proc/sys/kernel/ns_last_pid; " +
        "setsid sh -c 'sleep 6; echo alive > \"$0.alive\"' \"$0\" </dev/null >/dev/null 2>&1 & echo $! $p > \"$0.victim\"; sleep 60";

    [Fact]
    public async Task In_a_PID_namespace_over_the_outer_proc_giving_up_kills_no_process_that_only_shares_a_PID_number()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "PID namespaces are Linux's");
        Assert.SkipWhen(Environment.GetEnvironmentVariable(Inside) is not null, "this is the outer half");
        using var work = new TempDirectory("clawker-pidns-");
        var probe = await ProcessRunner.RunAsync("unshare", ["-Urpf", "true"], work.Path, timeout: TimeSpan.FromSeconds(30));
        Assert.SkipUnless(probe.ExitCode == 0, $"unprivileged user and PID namespaces are not available here ({probe.Error.Trim()})");

        var host = Environment.ProcessPath!;
        string[] self = Path.GetFileNameWithoutExtension(host) == "dotnet" ? ["exec", typeof(PipeHoldersNamespaceTests).Assembly.Location] : [];
        var result = await ProcessRunner.RunAsync(
            "unshare",
            ["-Urpf", host, .. self, "-method", $"{typeof(PipeHoldersNamespaceTests).FullName}.{nameof(Inner_half)}"],
            work.Path,
            new Dictionary<string, string?> { [Inside] = "1" },
            TimeSpan.FromMinutes(3));

        result.ExitCode.ShouldBe(0, result.ToString());
        // xunit's own runner (the assembly run directly): one test, run and passed.
        result.Output.ShouldContain("Total: 1, Errors: 0, Failed: 0, Skipped: 0", Case.Sensitive, result.ToString());
    }

    [Fact]
    public async Task Inner_half()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable(Inside) == "1", "run by the namespace case, inside unshare -Urpf");
        using var bin = new TempDirectory("clawker-helper-");
        // Once the call gives up, the victim lives on to say so (a zombie would fool a PID check: the
        // test host is this namespace's init and does not reap strangers). Everything left dies with the namespace.
        await Should.ThrowAsync<RegistryException>(() => CredentialHelperTests.RunAsync(bin, Body, TimeSpan.FromSeconds(3)));
        var words = (await File.ReadAllTextAsync(bin.Combine("docker-credential-hostile.victim"), TestContext.Current.CancellationToken)).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        words[0].ShouldBe(words[1], "the victim's inner PID is the holder's outer one");
        var alive = bin.Combine("docker-credential-hostile.alive");
        for (var waited = Stopwatch.StartNew(); !File.Exists(alive) && waited.Elapsed < TimeSpan.FromSeconds(20); await Task.Delay(100, TestContext.Current.CancellationToken))
        {
        }

        File.Exists(alive).ShouldBeTrue("a process that shares nothing with the helper was killed");
    }
}
