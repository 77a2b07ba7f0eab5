namespace Clawker.Tests.Bundling;

/// <summary>
/// An empty or whitespace-only credentials file is not a login (as CLAWKER1002 says): it is
/// never published for every agent, and it never logs out an agent that has a real login.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointBlankLoginTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\r\n")]
    public async Task A_blank_local_file_is_not_migrated_and_the_next_agents_real_login_is_published(string blank)
    {
        using var first = new EntrypointSandbox();
        using var second = new EntrypointSandbox(sharedGlobals: first.Globals);
        File.WriteAllText(first.LocalCredentials, blank);
        File.WriteAllText(second.LocalCredentials, EntrypointLogins.Real);

        var blankRun = await first.RunAsync("true");
        var realRun = await second.RunAsync("true");

        blankRun.ExitCode.ShouldBe(0, blankRun.ToString());
        realRun.ExitCode.ShouldBe(0, realRun.ToString());
        File.ReadAllText(first.GlobalCredentials).ShouldBe(EntrypointLogins.Real, "the real login is everyone's, not the blank file");
        realRun.Stdout.ShouldContain("credentials=\"migrated\"");
        Directory.GetFiles(second.ClaudeDir, ".credentials.json.backup-*").ShouldBeEmpty("the real login was not moved aside");
        foreach (var box in new[] { first, second })
        {
            new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(first.GlobalCredentials);
        }

        // Nothing of the blank file is lost either: bytes other than none are kept as a backup.
        var backups = Directory.GetFiles(first.ClaudeDir, ".credentials.json.backup-*");
        if (blank.Length == 0)
        {
            backups.ShouldBeEmpty();
        }
        else
        {
            File.ReadAllText(backups.ShouldHaveSingleItem()).ShouldBe(blank);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public async Task A_blank_global_file_does_not_log_out_an_agent_with_a_login(string blank)
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.GlobalCredentials, blank);
        File.WriteAllText(box.LocalCredentials, EntrypointLogins.Real);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.StrayLines.ShouldBeEmpty(run.ToString());
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBeNull();
        File.ReadAllText(box.LocalCredentials).ShouldBe(EntrypointLogins.Real);
        File.ReadAllText(box.GlobalCredentials).ShouldBe(blank, "the volume's file is not Clawker's to replace");
        run.ClawkerLines.Length.ShouldBe(2, run.ToString());
        run.ClawkerLines[0].ShouldStartWith($"[clawker] warning component=credentials msg={box.GlobalCredentials} is empty or blank (not a login)");
        run.ClawkerLines[1].ShouldStartWith("[clawker] ready credentials=\"local (global file is blank)\"");
    }

    [Fact]
    public async Task Without_a_local_login_a_blank_global_file_is_linked_as_no_login_yet()
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.GlobalCredentials, "");

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        run.ClawkerLines.ShouldHaveSingleItem().ShouldStartWith("[clawker] ready credentials=\"linked (no login yet)\"");
    }
}
