using Clawker.MSBuild.Tests.EndToEnd;

namespace Clawker.MSBuild.Tests.Bundling;

/// <summary>
/// <c>dotnet build</c> of a consumer of the packed Clawker.MSBuild whose settings.json asset puts a
/// known key into <c>env</c>: CLAWKER3008, nothing bundled, and the key in neither the diagnostic
/// console output nor the binlog replayed at diagnostic verbosity. Then an <c>apiKeyHelper</c> the
/// bundle cannot check: the build passes with the CLAWKER3006 warning, the helper's arguments unseen.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class BundleCredentialEndToEndTests(PackageFeed feed)
{
    [Fact]
    public async Task A_key_in_the_bundled_settings_fails_the_build_with_CLAWKER3008_and_a_helper_it_cannot_check_warns_CLAWKER3006()
    {
        var app = await feed.CreateConsumerAsync("SettingsLeakApp");
        var project = Path.Combine(app.Directory, app.Name + ".csproj");
        var csproj = await File.ReadAllTextAsync(project, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(project, csproj.Replace("</Project>", """
              <ItemGroup>
                <ClawkerImageAsset Include="agent/settings.json" Asset="settings.json" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var settings = Path.Combine(app.Directory, "agent", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        var key = "sk-ant-api03-clawkerbundleleak-" + Guid.NewGuid().ToString("N");

        await File.WriteAllTextAsync(settings, $$$"""{"env": {"ANTHROPIC_API_KEY": "{{{key}}}"}}""", TestContext.Current.CancellationToken);
        var (refused, refusedReplay) = await BundleWithBinlogAsync(app, "refused");

        refused.ExitCode.ShouldNotBe(0, refused.All);
        refused.All.ShouldContain("error CLAWKER3008: The bundled Claude Code settings file home/claude/.claude-init/settings.json puts ANTHROPIC_API_KEY into env");
        refusedReplay.ShouldContain("CLAWKER3008");
        Directory.Exists(Path.Combine(app.ImageDirectory, "context")).ShouldBeFalse("nothing is bundled when the bundle is refused");

        await File.WriteAllTextAsync(settings, """{"apiKeyHelper": "vault-key --token SECRETARG"}""", TestContext.Current.CancellationToken);
        var (warned, warnedReplay) = await BundleWithBinlogAsync(app, "warned");

        warned.ExitCode.ShouldBe(0, warned.All);
        warned.All.ShouldContain("warning CLAWKER3006: The bundled Claude Code settings file home/claude/.claude-init/settings.json sets apiKeyHelper to run vault-key");
        warnedReplay.ShouldContain("CLAWKER3006");
        File.Exists(Path.Combine(app.ImageDirectory, "context.tar")).ShouldBeTrue();

        foreach (var text in new[] { refused.All, refusedReplay, warned.All, warnedReplay })
        {
            text.ShouldNotContain(key);
            text.ShouldNotContain("clawkerbundleleak");
            text.ShouldNotContain("SECRETARG");
        }
    }

    private static async Task<(ProcessResult Build, string Replay)> BundleWithBinlogAsync(Consumer app, string name)
    {
        var binlog = Path.Combine(app.Directory, name + ".binlog");
        var build = await app.BuildAsync(null, "-t:ClawkerBundleImage", "-v:diag", $"-bl:{binlog}");
        var replayLog = Path.Combine(app.Directory, name + ".replay.log");
        (await app.DotNetAsync(null, "msbuild", binlog, "-noconlog", "-fl", $"-flp:logfile={replayLog};verbosity=diagnostic")).ShouldSucceed();
        var replay = await File.ReadAllTextAsync(replayLog, TestContext.Current.CancellationToken);
        replay.ShouldContain("BundleClawkerImage", Case.Sensitive, "the replay holds the task's messages");
        return (build, replay);
    }
}
