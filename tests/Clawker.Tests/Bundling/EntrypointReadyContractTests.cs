using System.Runtime.Versioning;

namespace Clawker.Tests.Bundling;

/// <summary>
/// The real entrypoint's ready signal, read back as the Go clawker reads it (<see cref="ReadyContract"/>):
/// the marker holds <c>ts=&lt;unix seconds&gt; pid=&lt;pid of the command&gt;</c>, and the
/// <c>[clawker] ready</c> line is the first line of stdout, followed by the command's own output.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointReadyContractTests
{
    [Fact]
    public async Task The_marker_and_the_ready_line_parse_as_clawker_parses_them_with_the_commands_pid()
    {
        using var box = new EntrypointSandbox();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // exec keeps the PID: the command's $$ is the entrypoint's.
        var run = await box.RunAsync("bash", "-c", "echo \"command pid=$$\"");

        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        run.ExitCode.ShouldBe(0, run.ToString());
        var marker = File.ReadAllText(Path.Combine(box.ReadyDir, "ready"));
        var (timestamp, pid) = ReadyContract.ParseMarker(marker);
        timestamp.ShouldBeInRange(before - 1, after + 1);
        marker.ShouldBe($"ts={timestamp} pid={pid}\n", "one line, as clawker's entrypoint writes it");

        var (line, rest) = ReadyContract.WaitForReady(run.Stdout);
        run.Stdout.ShouldStartWith(line, Case.Sensitive, "nothing comes before the ready line on stdout");
        rest.ShouldBe($"command pid={pid}\n", "after the ready line the loop parses the command's output alone");
        line.ShouldContain($" ts={timestamp} agent=default");
        run.Stderr.ShouldNotContain(ReadyContract.LinePrefix, Case.Sensitive, "the line is on stdout, the stream clawker's loop reads");
        File.GetUnixFileMode(Path.Combine(box.ReadyDir, "ready")).ShouldBe((UnixFileMode)0b110_100_100, "0644, as clawker's marker");
        Directory.GetFileSystemEntries(box.ReadyDir).ShouldHaveSingleItem("no temporary file is left beside the marker");
    }

    [Fact]
    public async Task A_stale_marker_is_replaced_and_a_failed_start_leaves_none_and_no_ready_line()
    {
        using var box = new EntrypointSandbox();
        Directory.CreateDirectory(box.ReadyDir);
        File.WriteAllText(Path.Combine(box.ReadyDir, "ready"), "ts=1 pid=1\n");

        var ok = await box.RunAsync("true");

        ok.ExitCode.ShouldBe(0, ok.ToString());
        ReadyContract.ParseMarker(File.ReadAllText(Path.Combine(box.ReadyDir, "ready"))).Timestamp.ShouldBeGreaterThan(1);

        File.Delete(Path.Combine(box.Bin, "claude"));
        var failed = await box.RunAsync();

        failed.ExitCode.ShouldBe(1, failed.ToString());
        File.Exists(Path.Combine(box.ReadyDir, "ready")).ShouldBeFalse("a start that fails removes the earlier start's marker");
        Should.Throw<InvalidOperationException>(() => ReadyContract.WaitForReady(failed.Stdout)).Message.ShouldBe("stream ended before ready signal");
        // The error line stays on stderr, as in clawker's own entrypoint (emit_error >&2).
        failed.Stderr.ShouldStartWith(ReadyContract.ErrorPrefix + " component=command ");
    }

    [Theory]
    [InlineData("reviewer")]
    [InlineData("two words")]
    [InlineData("line\nbreak [clawker] error x")]
    public async Task The_agent_name_is_on_the_ready_line_which_stays_one_line(string agent)
    {
        using var box = new EntrypointSandbox();
        var environment = box.Environment();
        environment["CLAWKER_AGENT"] = agent;

        var run = await box.RunWithAsync([], "/bin/bash", ["true"], environment);

        run.ExitCode.ShouldBe(0, run.ToString());
        var (line, rest) = ReadyContract.WaitForReady(run.Stdout);
        line.ShouldEndWith(" agent=" + agent.Replace("\n", "\\n", StringComparison.Ordinal));
        rest.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_closed_stdout_does_not_stop_the_agent()
    {
        using var box = new EntrypointSandbox();

        var run = await box.RunWithAsync(["/bin/sh", "-c", "exec \"$@\" >&-", "sh"], "/bin/bash", ["bash", "-c", "echo ran >&2"], box.Environment());

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldEndWith("ran\n");
        ReadyContract.ParseMarker(File.ReadAllText(Path.Combine(box.ReadyDir, "ready")));
    }

    [Theory]
    [InlineData("", "missing timestamp in ready file")]
    [InlineData("pid=7", "missing timestamp in ready file")]
    [InlineData("ts=abc pid=7", "invalid timestamp: ts=abc")]
    [InlineData("ts=5 pid=x", "invalid pid: pid=x")]
    public void The_parser_rejects_what_clawkers_rejects(string content, string message)
    {
        Should.Throw<FormatException>(() => ReadyContract.ParseMarker(content)).Message.ShouldBe(message);
        ReadyContract.ParseMarker(" ts=5\tpid=7 extra=1\n").ShouldBe((5L, 7));
    }
}
