using System.Diagnostics;
using System.Globalization;
using Clawker.Publishing;

namespace Clawker.Tests.Publishing;

/// <summary>
/// Helpers that leave processes behind, with real sh, sleep and setsid: a child or a detached
/// grandchild holding the output pipe ends the call in bounded time with CLAWKER6006, and no
/// process holding that pipe outlives the call; a daemon the helper starts with its own stdio is
/// neither waited for nor killed. Each script writes the PIDs to check to <c>$0.pids</c>.
/// </summary>
public sealed class CredentialHelperChildrenTests : IDisposable
{
    private const string Secret = "helper-secret-c41d";
    private const string Answer = $"echo '{{\"Username\":\"u\",\"Secret\":\"{Secret}\"}}'";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    // The timeout, then generous room for a loaded machine; the children sleep far longer.
    private static readonly TimeSpan Bound = Timeout + TimeSpan.FromSeconds(10);

    private readonly TempDirectory _bin = new("clawker-helper-");
    private readonly List<int> _started = [];

    private string PidFile => _bin.Combine("docker-credential-hostile.pids");

    public void Dispose()
    {
        // Whatever a failed case left: only the PIDs its own script reported.
        foreach (var pid in _started.Where(Alive))
        {
            try
            {
                using var left = Process.GetProcessById(pid);
                left.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }

        _bin.Dispose();
    }

    // A grandchild in a session of its own, whose parent (a subshell) exits at once: it leaves the
    // helper's tree. The helper waits for its PID before going on, so the PID file is complete.
    private const string Detached = "(setsid sh -c 'echo $$ > \"$1.gc\"; exec sleep 60' sh \"$0\" {0} &); " +
        "until [ -s \"$0.gc\" ]; do sleep 0.05; done; cat \"$0.gc\" > \"$0.pids\"; ";

    private static string Detach(string redirects = "") => Detached.Replace("{0}", redirects, StringComparison.Ordinal);

    public static TheoryData<string, string> HoldingThePipe() => new()
    {
        { "a child holds stdout, the helper exits", "sleep 60 & echo $! > \"$0.pids\"; " + Answer },
        { "a child holds stdout, the helper sleeps", "sleep 60 & echo $! $$ > \"$0.pids\"; sleep 60" },
        { "a child holds stderr only", "sleep 60 >/dev/null & echo $! > \"$0.pids\"; " + Answer },
        { "a detached grandchild holds stdout, the helper exits", Detach() + Answer },
        { "a detached grandchild holds stdout, the helper sleeps", Detach() + "echo $$ >> \"$0.pids\"; sleep 60" },
    };

    [Theory]
    [MemberData(nameof(HoldingThePipe))]
    public async Task A_process_left_holding_the_helpers_pipe_ends_the_call_with_CLAWKER6006_in_bounded_time_and_is_killed(string why, string body)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "processes that left the helper's tree are found through /proc (Linux only; docs/image-push.md)");
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<RegistryException>(() => CredentialHelperTests.RunAsync(_bin, body, Timeout));

        clock.Elapsed.ShouldBeLessThan(Bound, why);
        error.OfKind(RegistryErrorKind.HelperTimedOut);
        error.ToString().ShouldNotContain(Secret);
        var pids = await PidsAsync();
        pids.ShouldNotBeEmpty();
        foreach (var pid in pids)
        {
            (await GoneAsync(pid)).ShouldBeTrue($"{why}: process {pid} is still alive after the call");
        }
    }

    [Fact]
    public async Task A_daemon_the_helper_starts_with_its_own_stdio_is_neither_waited_for_nor_killed()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "checked through /proc");
        var body = Detach("</dev/null >/dev/null 2>&1") + Answer;
        var clock = Stopwatch.StartNew();

        var login = await CredentialHelperTests.RunAsync(_bin, body, TimeSpan.FromSeconds(20));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        login.ShouldNotBeNull().Password.ShouldBe(Secret);
        var pid = (await PidsAsync()).ShouldHaveSingleItem();
        Alive(pid).ShouldBeTrue("a daemon that does not hold the helper's pipes is the helper's own business");
    }

    [Fact]
    public async Task A_process_older_than_the_helper_that_opens_its_pipe_through_proc_is_not_killed()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "checked through /proc");
        // Started before the helper (a user's `cat /proc/PID/fd/1`, say): it waits for the helper's
        // PID, then opens the helper's stdout pipe through /proc and holds it. It is not the helper's.
        var older = _bin.Combine("older.sh");
        await File.WriteAllTextAsync(older, "until [ -s \"$1\" ]; do sleep 0.05; done; exec 3< /proc/$(cat \"$1\")/fd/1; echo held > \"$1.held\"; exec sleep 60\n", TestContext.Current.CancellationToken);
        using var watcher = Process.Start(new ProcessStartInfo("/bin/sh", [older, _bin.Combine("helper.pid")]) { UseShellExecute = false })!;
        _started.Add(watcher.Id);
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        await Should.ThrowAsync<RegistryException>(() => CredentialHelperTests.RunAsync(_bin, "echo $$ > \"$(dirname \"$0\")/helper.pid\"; until [ -s \"$(dirname \"$0\")/helper.pid.held\" ]; do sleep 0.05; done; exec sleep 60", Timeout));

        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Alive(watcher.Id).ShouldBeTrue("a process started before the helper was killed for holding its pipe");
    }

    /// <summary>The PIDs the script wrote (polled: a grandchild writes its own, possibly after the call).</summary>
    private async Task<IReadOnlyList<int>> PidsAsync()
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
        {
            if (File.Exists(PidFile) && (await File.ReadAllTextAsync(PidFile)).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words)
            {
                var pids = words.Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList();
                _started.AddRange(pids);
                return pids;
            }
        }

        return [];
    }

    /// <summary>Gone within a few seconds (a kill is delivered asynchronously); a zombie counts as gone.</summary>
    private static async Task<bool> GoneAsync(int pid)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(5); await Task.Delay(50))
        {
            if (!Alive(pid))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Alive(int pid)
    {
        try
        {
            // The state follows the command name in parentheses, which may itself hold spaces.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
