namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>The settings added or renamed for parity with Cake, through the packed targets.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class SettingsTests(PackageFeed feed)
{
    private const string NoEngine = "-p:ClawkerDockerHost=unix:///nonexistent/docker.sock";

    [Fact]
    public async Task The_old_ClawkerForceImageBuild_name_warns_CLAWKER5003_naming_the_new_one_and_the_new_name_does_not()
    {
        var app = await feed.SharedConsumerAsync("SettingsApp");

        var old = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerForceImageBuild=true")).ShouldSucceed();
        old.Output.ShouldContain("warning CLAWKER5003");
        old.Output.ShouldContain("rename it to ClawkerImageForceBuild");

        var renamed = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerImageForceBuild=true")).ShouldSucceed();
        renamed.Output.ShouldNotContain("CLAWKER5003");
    }

    [Fact]
    public async Task ClawkerEngineUnreachable_is_Error_by_default_and_Warning_lets_the_volume_and_prepare_pass()
    {
        var app = await feed.SharedConsumerAsync("EnginePolicyApp");
        var noLogin = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = Path.Combine(app.Directory, "no-login"), ["CLAWKER_KEYRING"] = "none" };

        var strict = (await app.BuildAsync(noLogin, "-t:ClawkerEnsureGlobalsVolume", NoEngine)).ShouldFail();
        strict.Output.ShouldContain("error CLAWKER2001");

        var lenient = (await app.BuildAsync(noLogin, "-t:ClawkerPrepare", NoEngine, "-p:ClawkerEngineUnreachable=Warning")).ShouldSucceed();
        lenient.Output.ShouldContain("warning CLAWKER2001");
        lenient.Output.ShouldNotContain("error CLAWKER");

        var bad = (await app.BuildAsync(noLogin, "-t:ClawkerEnsureGlobalsVolume", NoEngine, "-p:ClawkerEngineUnreachable=Sometimes")).ShouldFail();
        bad.Output.ShouldContain("error CLAWKER5002");
        bad.Output.ShouldContain("ClawkerEngineUnreachable is 'Sometimes'");
    }
}
