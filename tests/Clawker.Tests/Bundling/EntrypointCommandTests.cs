namespace Clawker.Tests.Bundling;

/// <summary>The entrypoint's last step: prepend <c>claude</c> unless the arguments name a command, then exec.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointCommandTests
{
    [Theory]
    [InlineData(new string[0], "fake-claude")]
    [InlineData(new[] { "--version" }, "fake-claude [--version]")]
    [InlineData(new[] { "-p", "hello" }, "fake-claude [-p] [hello]")]
    [InlineData(new[] { "fix the failing test" }, "fake-claude [fix the failing test]")]
    [InlineData(new[] { "echo", "not claude" }, "not claude")]
    public async Task Options_and_prompts_go_to_claude_commands_run_as_given(string[] args, string expected)
    {
        using var box = new EntrypointSandbox();

        var run = await box.RunAsync(args);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.CommandStdout.ShouldBe(expected + "\n", "after the ready line, stdout belongs to the command alone");
    }

    [Fact]
    public async Task The_command_replaces_the_entrypoint_and_keeps_its_exit_code()
    {
        using var box = new EntrypointSandbox();

        var run = await box.RunAsync("bash", "-c", "exit 7");

        run.ExitCode.ShouldBe(7, run.ToString());
    }

    [Fact]
    public async Task A_missing_claude_is_one_error_line_and_no_ready_marker()
    {
        using var box = new EntrypointSandbox();
        File.Delete(Path.Combine(box.Bin, "claude"));

        var run = await box.RunAsync("--version");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Stderr.ShouldContain("[clawker] error component=command msg=claude is not on PATH");
        run.Stderr.ShouldNotContain("[clawker] ready");
        run.Stdout.ShouldNotContain("[clawker] ready");
        File.Exists(Path.Combine(box.ReadyDir, "ready")).ShouldBeFalse();
    }
}
