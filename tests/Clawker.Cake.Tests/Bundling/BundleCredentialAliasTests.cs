using Cake.Core;
using Cake.Core.Diagnostics;
using Clawker.Bundling;
using Clawker.Cake.Bundling;
using Clawker.Cake.Tests.Infrastructure;

namespace Clawker.Cake.Tests.Bundling;

/// <summary>
/// The bundle's credential and key-helper checks through the Cake alias: a refusal is a coded
/// CakeException without the value, a warning reaches the log as a warning; then the same through
/// the real Cake runner and the packed addin.
/// </summary>
public sealed class BundleCredentialAliasTests(AddinFeed feed)
{
    private readonly string _key = "sk-ant-oat01-clawkercakeleak-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void A_key_in_the_settings_env_is_CLAWKER3008_and_a_credentials_extra_file_CLAWKER3007_without_the_value_nor_any_file_written()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("settings.json"), $$$"""{"env": {"CLAUDE_CODE_OAUTH_TOKEN": "{{{_key}}}"}}""");
        File.WriteAllText(temp.Combine("login.json"), ClaudeLogin.Json(_key));
        var context = new FakeCakeContext(new FakeCakeEnvironment(temp.Path));
        var before = TreeSnapshot.Of(temp.Path);
        var inSettings = new ClawkerBundleSettings();
        inSettings.AssetOverrides[AssetNames.Settings] = "settings.json";
        var asFile = new ClawkerBundleSettings();
        asFile.ExtraFiles["home/claude/notes/login.json"] = "login.json";

        var settingsFailure = Should.Throw<CakeException>(() => context.ClawkerBundleImage(inSettings));
        var fileFailure = Should.Throw<CakeException>(() => context.ClawkerBundleImage(asFile));

        settingsFailure.Message.ShouldStartWith("CLAWKER3008: ");
        settingsFailure.Message.ShouldContain("puts CLAUDE_CODE_OAUTH_TOKEN into env");
        fileFailure.Message.ShouldStartWith("CLAWKER3007: ");
        fileFailure.Message.ShouldContain("home/claude/notes/login.json");
        foreach (var text in new[] { settingsFailure.ToString(), fileFailure.ToString(), string.Join('\n', context.FakeLog.Entries.Select(e => e.Message)) })
        {
            text.ShouldNotContain(_key);
        }

        before.ShouldBeUnchanged(TreeSnapshot.Of(temp.Path));
    }

    [Fact]
    public void A_helper_the_bundle_cannot_check_is_logged_as_a_CLAWKER3006_warning_and_the_bundle_is_written()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("settings.json"), """{"apiKeyHelper": "vault-key SECRETARG"}""");
        var context = new FakeCakeContext(new FakeCakeEnvironment(temp.Path));
        var settings = new ClawkerBundleSettings();
        settings.AssetOverrides[AssetNames.Settings] = "settings.json";

        var result = context.ClawkerBundleImage(settings);

        var warning = context.FakeLog.At(LogLevel.Warning).ShouldHaveSingleItem();
        warning.ShouldStartWith("CLAWKER3006: The bundled Claude Code settings file home/claude/.claude-init/settings.json sets apiKeyHelper to run vault-key");
        warning.ShouldNotContain("SECRETARG");
        File.Exists(result.TarPath.FullPath).ShouldBeTrue();
    }

    [Fact]
    public async Task The_real_Cake_runner_fails_on_a_key_in_the_settings_with_CLAWKER3008_and_warns_CLAWKER3006_on_a_helper()
    {
        using var script = await CakeScript.CreateAsync(feed, """
            var settings = new ClawkerBundleSettings { ImageProject = "leak" };
            settings.AssetOverrides["settings.json"] = Argument<string>("settings");
            ClawkerBundleImage(settings);
            """);
        File.WriteAllText(Path.Combine(script.Directory, "leaky.json"), $$$"""{"env": {"ANTHROPIC_AUTH_TOKEN": "{{{_key}}}"}}""");
        File.WriteAllText(Path.Combine(script.Directory, "helper.json"), """{"apiKeyHelper": "vault-key SECRETARG"}""");

        var refused = await script.RunAsync(null, "--settings=leaky.json", "--verbosity=diagnostic");
        Directory.Exists(Path.Combine(script.Directory, "artifacts")).ShouldBeFalse(refused.ToString());
        var warned = await script.RunAsync(null, "--settings=helper.json", "--verbosity=diagnostic");

        refused.ExitCode.ShouldNotBe(0, refused.ToString());
        refused.Error.ShouldContain("CLAWKER3008: The bundled Claude Code settings file", customMessage: refused.ToString());
        refused.Error.ShouldContain("puts ANTHROPIC_AUTH_TOKEN into env");
        warned.ExitCode.ShouldBe(0, warned.ToString());
        warned.All.ShouldContain("CLAWKER3006: The bundled Claude Code settings file home/claude/.claude-init/settings.json sets apiKeyHelper to run vault-key");
        foreach (var text in new[] { refused.All, warned.All })
        {
            text.ShouldNotContain(_key);
            text.ShouldNotContain("clawkercakeleak");
            text.ShouldNotContain("SECRETARG");
        }
    }
}
