namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet build -t:ClawkerValidateCredentials</c> of a consumer whose Claude Code user settings
/// (<c>$CLAUDE_CONFIG_DIR/settings.json</c>) set <c>apiKeyHelper</c>: the helper is the source,
/// resolved, and run only with <c>ClawkerRunApiKeyHelper=true</c>.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class ApiKeyHelperBuildTests(PackageFeed feed) : LoggedInConsumerTest("clawker-e2e-helper-")
{
    [Fact]
    public async Task A_set_helper_is_the_source_and_is_not_run_by_default()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper is a /bin/sh script");
        var marker = Path.Combine(Login.ConfigDir, "ran");
        Login.WriteApiKeyHelper($"touch '{marker}'; echo key");
        var app = await feed.SharedConsumerAsync("CredApp");

        var result = (await app.BuildAsync(Login.Environment(), "-t:ClawkerValidateCredentials", "-v:n")).ShouldSucceed();

        result.All.ShouldContain($"Clawker credentials: it uses the apiKeyHelper in {Login.SettingsFile} (command: {Login.HelperScript}; not run");
        result.All.ShouldContain("so Claude Code will not use a stored login");
        result.All.ShouldNotContain("CLAWKER1001", Case.Sensitive, "the helper is a login source: no 'not found' warning");
        File.Exists(marker).ShouldBeFalse("running the helper is opt-in");
    }

    [Theory]
    [InlineData("echo key", true, "it ran, exited 0 and printed a key")]
    [InlineData("exit 0", false, "error CLAWKER1002")]
    [InlineData("exit 7", false, "error CLAWKER1013")]
    [InlineData("sleep 30", false, "error CLAWKER1006")]
    public async Task With_ClawkerRunApiKeyHelper_the_helper_runs_and_its_outcome_decides(string body, bool succeeds, string expected)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper is a /bin/sh script");
        Login.WriteApiKeyHelper(body);
        var app = await feed.SharedConsumerAsync("CredApp");

        var result = await app.BuildAsync(Login.Environment(), "-t:ClawkerValidateCredentials", "-v:n", "-p:ClawkerRunApiKeyHelper=true", "-p:ClawkerKeyringTimeout=2000");

        (result.ExitCode == 0).ShouldBe(succeeds, result.All);
        result.All.ShouldContain(expected);
        result.All.ShouldNotContain("MSB4018");
        if (!succeeds)
        {
            result.All.ShouldContain(Login.SettingsFile, Case.Sensitive, "the error names the settings file");
        }
    }

    [Fact]
    public async Task A_helper_that_does_not_resolve_is_CLAWKER1012_naming_the_file()
    {
        File.WriteAllText(Login.SettingsFile, """{ "apiKeyHelper": "/nonexistent/get-key --profile ci" }""");
        var app = await feed.SharedConsumerAsync("CredApp");

        var result = await app.BuildAsync(Login.Environment(), "-t:ClawkerValidateCredentials", "-v:n");

        result.ExitCode.ShouldNotBe(0, result.All);
        result.All.ShouldContain("error CLAWKER1012");
        result.All.ShouldContain(Login.SettingsFile);
        result.All.ShouldNotContain("/nonexistent/get-key", Case.Sensitive, "the command is never quoted");
    }
}
