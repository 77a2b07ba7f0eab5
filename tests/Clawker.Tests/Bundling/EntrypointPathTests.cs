namespace Clawker.Tests.Bundling;

/// <summary>
/// The real entrypoint.sh with odd values in HOME and CLAWKER_GLOBALS_DIR: a relative path
/// (the link written into ~/.claude would be resolved from ~/.claude, not from where the
/// entrypoint ran, and dangle; one starting with '-' is read as an option by every tool) is
/// refused before anything changes; a newline in a path never splits a line.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointPathTests
{
    [Theory]
    [InlineData("CLAWKER_GLOBALS_DIR", ".clawker-globals")]
    [InlineData("CLAWKER_GLOBALS_DIR", "-globals")]
    [InlineData("HOME", ".")]
    [InlineData("CLAWKER_READY_DIR", "run")]
    [InlineData("CLAUDE_CONFIG_DIR", ".claude")]
    [InlineData("CLAUDE_CONFIG_DIR", "-cfg")]
    [InlineData("CLAUDE_CONFIG_DIR", "../home/.claude")]
    [InlineData("CLAUDE_CONFIG_DIR", "~/.claude")]
    public async Task A_relative_path_is_one_error_line_and_nothing_changes(string variable, string value)
    {
        using var box = new EntrypointSandbox();
        Directory.CreateDirectory(Path.Combine(box.Home, value));
        File.WriteAllText(box.LocalCredentials, EntrypointLogins.Local);
        var before = EntrypointCredentialsTests.Snapshot(box.Root);
        var environment = box.Environment();
        environment[variable] = value;

        // Run from HOME, where a relative value would name the real folders.
        var run = await box.RunWithAsync(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", box.Home], "/bin/bash", ["true"], environment);

        run.ShouldExitCleanly(1);
        run.ClawkerLines.ShouldHaveSingleItem().ShouldContain($"msg={variable} ({value}) is not an absolute path");
        EntrypointCredentialsTests.Snapshot(box.Root).ShouldBe(before, "a start refused for its environment changes nothing");
        run.Stderr.ShouldNotContain("sk-ant-oat01");
    }

    [Fact]
    public async Task A_newline_in_home_never_splits_a_line()
    {
        using var box = new EntrypointSandbox(prefix: "clawker\nentry *?[x] -e ");
        box.WriteLogins(local: EntrypointLogins.Local, global: EntrypointLogins.Global);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.StrayLines.ShouldBeEmpty(run.ToString());
        run.ClawkerLines.Length.ShouldBe(2, run.ToString());
        run.ClawkerLines[0].ShouldContain("clawker\\nentry *?[x] -e ", Case.Sensitive, "the newline is shown escaped");
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.ReadAllText(Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldHaveSingleItem()).ShouldBe(EntrypointLogins.Local);
    }
}
