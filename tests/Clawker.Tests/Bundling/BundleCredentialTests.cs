using Clawker.Bundling;
using Clawker.Diagnostics;

namespace Clawker.Tests.Bundling;

/// <summary>
/// A bundle never bakes a credential into the image: a Claude Code credentials file (by name or
/// by content) or a credential variable in the bundled settings' <c>env</c> is refused, the
/// value never in the message, and nothing is written.
/// </summary>
public sealed class BundleCredentialTests : IDisposable
{
    private readonly TempDirectory _temp = TempBundle.New();
    private readonly string _token = ClaudeLogin.NewAccessToken();

    public void Dispose() => _temp.Dispose();

    private string Input(string name, string text) => _temp.Input(name, text);

    private BundleException Refused(BundleOptions options, BundleErrorKind kind)
    {
        var error = _temp.Refused(options, kind);
        error.Message.ShouldNotContain(_token);
        error.Message.ShouldNotContain("clawkertest");
        error.ToString().ShouldNotContain(_token);
        return error;
    }

    private BundleOptions WithExtra(string contextPath, string text) =>
        _temp.WithFiles(extraFiles: new Dictionary<string, string> { [contextPath] = Input(Path.GetFileName(contextPath) + ".src", text) });

    private BundleOptions WithSettings(string json) =>
        _temp.WithFiles(new Dictionary<string, string> { [AssetNames.Settings] = Input("settings.json", json) });

    [Theory]
    [InlineData("home/claude/.claude/.credentials.json")]
    [InlineData("home/claude/.claude-init/.credentials.json")]
    [InlineData("opt/.Credentials.JSON")]
    [InlineData("home/claude/.claude/.credentials.json.backup-20260101T000000Z")]
    public void A_credentials_file_by_name_anywhere_is_CLAWKER3007_whatever_it_holds(string contextPath)
    {
        var error = Refused(WithExtra(contextPath, "not even json"), BundleErrorKind.CredentialFileInBundle);

        error.Code.ShouldBe(ErrorCodes.CredentialFileInBundle);
        error.Message.ShouldStartWith("The bundle would bake a Claude Code credentials file into the image: " + contextPath);
        error.Path.ShouldBe(contextPath);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("bom-and-blanks")]
    [InlineData("key-after-others")]
    [InlineData("escaped-key")]
    [InlineData("deeply-nested-first")]
    [InlineData("broken-after-the-key")]
    public void A_login_by_content_under_any_name_is_CLAWKER3007(string shape)
    {
        var login = ClaudeLogin.Json(_token);
        var text = shape switch
        {
            "plain" => login,
            "bom-and-blanks" => "\uFEFF \n\t" + login,
            "key-after-others" => "{\"other\": [1, {\"claudeAiOauth\": 1}], \"claudeAiOauth\": {\"accessToken\": \"" + _token + "\"}}",
            "escaped-key" => "{\"claude\\u0041iOauth\": {\"accessToken\": \"" + _token + "\"}}",
            "deeply-nested-first" => "{\"x\": " + new string('[', 200) + new string(']', 200) + ", \"claudeAiOauth\": {\"accessToken\": \"" + _token + "\"}}",
            _ => "{\"claudeAiOauth\": {\"accessToken\": \"" + _token + "\"}, oops",
        };

        var error = Refused(WithExtra("home/claude/notes/login.json", text), BundleErrorKind.CredentialFileInBundle);

        error.Message.ShouldContain("home/claude/notes/login.json (its content is Claude Code's credentials JSON");
    }

    [Theory]
    [InlineData("{\"nested\": {\"claudeAiOauth\": {\"accessToken\": \"x\"}}}")]
    [InlineData("[{\"claudeAiOauth\": {}}]")]
    [InlineData("{\"note\": \"claudeAiOauth\"}")]
    [InlineData("#!/bin/sh\nprintf '{\"claudeAiOauth\":{}}'\n")]
    public void Text_that_only_mentions_the_login_key_is_bundled(string text)
    {
        var result = ImageBundler.Bundle(WithExtra("home/claude/notes/data.json", text), TestContext.Current.CancellationToken);

        result.Files.ShouldContain(f => f.Path == "home/claude/notes/data.json");
        result.Findings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ANTHROPIC_API_KEY")]
    [InlineData("ANTHROPIC_AUTH_TOKEN")]
    [InlineData("CLAUDE_CODE_OAUTH_TOKEN")]
    public void A_credential_variable_in_the_settings_env_is_CLAWKER3008_naming_it_never_its_value(string variable)
    {
        var error = Refused(WithSettings($$$"""{"env": {"DISABLE_AUTOUPDATER": "1", "{{{variable}}}": "{{{_token}}}"}}"""), BundleErrorKind.CredentialInSettings);

        error.Code.ShouldBe(ErrorCodes.CredentialInBundledSettings);
        error.Message.ShouldContain($"home/claude/.claude-init/settings.json puts {variable} into env");
    }

    [Theory]
    [InlineData("""{"env": {"ANTHROPIC_API_KEY": "", "ANTHROPIC_API_KEY": "VALUE"}}""")]
    [InlineData("""{"env": {"ANTHROPIC_API_KEY": 12345}}""")]
    [InlineData("""{"env": {}, "env": {"CLAUDE_CODE_OAUTH_TOKEN": "VALUE"}}""")]
    public void A_credential_hidden_behind_a_duplicate_key_or_a_number_is_CLAWKER3008(string json)
    {
        Refused(WithSettings(json.Replace("VALUE", _token, StringComparison.Ordinal)), BundleErrorKind.CredentialInSettings);
    }

    [Fact]
    public void A_credential_variable_in_a_settings_file_added_to_the_config_folder_is_CLAWKER3008()
    {
        var error = Refused(WithExtra("home/claude/.claude/settings.json", $$$"""{"env": {"ANTHROPIC_AUTH_TOKEN": "{{{_token}}}"}}"""),
            BundleErrorKind.CredentialInSettings);

        error.Message.ShouldContain("home/claude/.claude/settings.json puts ANTHROPIC_AUTH_TOKEN into env");
    }

    [Theory]
    [InlineData("""{"env": {"ANTHROPIC_API_KEY": "", "CLAUDE_CODE_OAUTH_TOKEN": "  ", "ANTHROPIC_AUTH_TOKEN": null, "anthropic_api_key": "x"}}""")]
    [InlineData("""{"env": null}""")]
    [InlineData("""{"note": {"env": {"ANTHROPIC_API_KEY": "x"}}}""")]
    public void Blank_values_other_names_and_nested_objects_are_no_credential(string json)
    {
        ImageBundler.Bundle(WithSettings(json), TestContext.Current.CancellationToken).Findings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"env\": {\"ANTHROPIC_API_KEY\": TOKEN}}", "is not valid JSON (line 1, byte")]
    [InlineData("{\"a\": 1,\n \"b\": TOKEN}", "is not valid JSON (line 2, byte")]
    [InlineData("[\"TOKEN\"]", "holds a JSON array, not an object of settings")]
    [InlineData("{\"env\": [\"TOKEN\"]}", "sets env to a JSON array, not an object of variables")]
    [InlineData("{\"apiKeyHelper\": {\"k\": \"TOKEN\"}}", "sets apiKeyHelper to a JSON object, not a string")]
    [InlineData("", "is not valid JSON")]
    public void Settings_that_cannot_be_checked_are_CLAWKER3009_with_a_position_never_the_text(string json, string expected)
    {
        var error = Refused(WithSettings(json.Replace("TOKEN", _token, StringComparison.Ordinal)), BundleErrorKind.SettingsInvalid);

        error.Code.ShouldBe(ErrorCodes.BundledSettingsInvalid);
        error.Message.ShouldContain("home/claude/.claude-init/settings.json " + expected);
    }

    [Theory]
    [InlineData("apiKeyHelper")]
    [InlineData("env")]
    public void Settings_with_a_byte_that_is_not_UTF_8_inside_a_checked_string_are_CLAWKER3009(string key)
    {
        var json = key == "env" ? "{\"env\": {\"ANTHROPIC_API_KEY\": \"\xFF\"}}" : "{\"apiKeyHelper\": \"\xFF\"}";
        var path = _temp.Combine("in", "binary-settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [.. json.Select(c => (byte)c)]);

        var error = Refused(_temp.WithFiles(new Dictionary<string, string> { [AssetNames.Settings] = path }), BundleErrorKind.SettingsInvalid);

        error.Message.ShouldContain("settings.json is not UTF-8 text.");
    }

    [Fact]
    public void Ten_thousand_levels_of_nesting_are_CLAWKER3009_and_never_hide_a_login_file()
    {
        var deep = "{\"x\": " + new string('[', 10_000) + new string(']', 10_000) + "}";
        Refused(WithSettings(deep), BundleErrorKind.SettingsInvalid).Message.ShouldContain("is not valid JSON (line 1, byte");
        var login = deep[..^1] + ", \"claudeAiOauth\": {\"accessToken\": \"" + _token + "\"}}";
        Refused(WithExtra("home/claude/deep.json", login), BundleErrorKind.CredentialFileInBundle);
    }

    [Fact]
    public void The_built_in_settings_pass_every_check()
    {
        var result = ImageBundler.Bundle(_temp.Options(), TestContext.Current.CancellationToken);

        result.Findings.ShouldBeEmpty();
        BundledSettings.CredentialVariables.ShouldBe(["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN"]);
    }
}
