namespace Clawker.Tests.Images;

/// <summary>
/// The whole path with real containers on the private dockerd: the agent image built from the
/// bundle (real entrypoint.sh, real bash) on the offline base, clawker's globals volume, and a
/// stand-in <c>claude</c> that logs in by writing ~/.claude/.credentials.json.
/// </summary>
public sealed class GlobalsVolumeContainerTests
{
    // Prints what the checks need, one fact per line, from inside an agent container.
    private const string Inspect =
        "echo \"link=$(readlink " + AgentContainer.LocalCredentials + ")\"; " +
        "echo \"global=$(cat " + AgentContainer.GlobalCredentials + ")\"; " +
        "echo \"globals-dir=$(stat -c '%a %u:%g' ~/.clawker-globals)\"; " +
        "echo \"global-file=$(stat -c '%a %u:%g' " + AgentContainer.GlobalCredentials + ")\"; " +
        "for b in " + AgentContainer.LocalCredentials + ".backup-*; do [ -e \"$b\" ] && echo \"backup=$(cat \"$b\")\"; done; " +
        "echo \"seen-by-claude=$(claude show)\"";

    // The agent image as BuildKit and as the classic builder build it: both must run the same.
    [Theory]
    [InlineData(Clawker.Images.ImageBuilderKind.BuildKit)]
    [InlineData(Clawker.Images.ImageBuilderKind.Classic)]
    public async Task A_login_in_one_container_serves_the_next_through_the_globals_volume_with_private_modes(Clawker.Images.ImageBuilderKind builder)
    {
        OfflineRootFs.RequireWithEngine();
        var ct = TestContext.Current.CancellationToken;
        await using var agents = await AgentContainer.StartAsync(builder, ct);
        var token = "sk-ant-oat01-" + Guid.NewGuid().ToString("N");

        var a = await agents.RunAgentAsync(agents.NewConfigVolume(), ["claude", "login", token], ct);
        a.ExitCode.ShouldBe(0, a.ToString());
        a.Stdout.ShouldContain("logged in");
        a.Stdout.ShouldContain("credentials=\"linked (no login yet)\"");

        // Container B: a fresh config, the same globals volume.
        var b = await agents.RunAgentAsync(agents.NewConfigVolume(), ["sh", "-c", Inspect], ct);

        b.ExitCode.ShouldBe(0, b.ToString());
        b.Stdout.ShouldContain("credentials=\"linked\"");
        var facts = Facts(b.Stdout);
        facts["link"].ShouldBe(AgentContainer.GlobalCredentials);
        facts["seen-by-claude"].ShouldContain(token);
        facts["global"].ShouldContain(token);
        facts["globals-dir"].ShouldBe("700 1001:1001");
        facts["global-file"].ShouldBe("600 1001:1001");
        facts.ShouldNotContainKey("backup");
        // The entrypoint's log never shows the credential.
        (a.Stderr + b.Stderr).ShouldNotContain(token);
    }

    [Fact]
    public async Task A_regular_credentials_file_migrates_to_an_empty_globals_volume_and_becomes_a_link()
    {
        OfflineRootFs.RequireWithEngine();
        var ct = TestContext.Current.CancellationToken;
        await using var agents = await AgentContainer.StartAsync(ct);
        var local = "{\"claudeAiOauth\":{\"accessToken\":\"local-" + Guid.NewGuid().ToString("N") + "\"}}";
        var config = agents.NewConfigVolume();
        await agents.SeedLocalCredentialsAsync(config, local, ct);

        var run = await agents.RunAgentAsync(config, ["sh", "-c", Inspect], ct);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("credentials=\"migrated\"");
        var facts = Facts(run.Stdout);
        facts["link"].ShouldBe(AgentContainer.GlobalCredentials);
        facts["global"].ShouldBe(local);
        facts["seen-by-claude"].ShouldBe(local);
        facts["global-file"].ShouldBe("600 1001:1001");
        facts.ShouldNotContainKey("backup");
    }

    [Fact]
    public async Task When_both_exist_and_differ_the_local_file_is_kept_as_a_backup_and_the_global_one_wins()
    {
        OfflineRootFs.RequireWithEngine();
        var ct = TestContext.Current.CancellationToken;
        await using var agents = await AgentContainer.StartAsync(ct);
        var globalToken = "global-" + Guid.NewGuid().ToString("N");
        var login = await agents.RunAgentAsync(agents.NewConfigVolume(), ["claude", "login", globalToken], ct);
        login.ExitCode.ShouldBe(0, login.ToString());
        var local = "{\"claudeAiOauth\":{\"accessToken\":\"local-" + Guid.NewGuid().ToString("N") + "\"}}";
        var config = agents.NewConfigVolume();
        await agents.SeedLocalCredentialsAsync(config, local, ct);

        var run = await agents.RunAgentAsync(config, ["sh", "-c", Inspect], ct);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldContain("kept it as " + AgentContainer.LocalCredentials + ".backup-");
        var facts = Facts(run.Stdout);
        facts["link"].ShouldBe(AgentContainer.GlobalCredentials);
        facts["backup"].ShouldBe(local);
        facts["global"].ShouldContain(globalToken);
        facts["seen-by-claude"].ShouldContain(globalToken);
    }

    private static Dictionary<string, string> Facts(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
