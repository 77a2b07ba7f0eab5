using Clawker.Cake.Tests.Infrastructure;

namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>
/// A real Cake run whose Claude Code settings set <c>apiKeyHelper</c>: the user's
/// (<c>$CLAUDE_CONFIG_DIR/settings.json</c>) and the project's (<c>.claude/settings.json</c> in the
/// working folder); run only with <c>RunApiKeyHelper</c>; its output never in Cake's output.
/// </summary>
public sealed class ApiKeyHelperEndToEndTests(AddinFeed feed) : IDisposable
{
    private readonly CraftedLogin _login = new();
    private readonly string _key = "sk-ant-api03-cakeleak-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _login.Dispose();

    private const string Validate = """
        Task("Validate").Does(() => Information("report: {0}", ClawkerValidateCredentials(new ClawkerCredentialSettings { RunApiKeyHelper = Argument("run", false) })));
        RunTarget("Validate");
        """;

    [Fact]
    public async Task A_helper_in_the_user_settings_is_the_source_and_is_not_run_by_default()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper is a /bin/sh script");
        var marker = Path.Combine(_login.ConfigDir, "ran");
        _login.WriteApiKeyHelper($"touch '{marker}'; echo {_key}");
        using var script = await CakeScript.CreateAsync(feed, Validate);

        var run = await script.RunAsync(_login.Environment());

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain($"report: Claude Code will not use a stored login: it uses the apiKeyHelper in {_login.SettingsFile} (command: {_login.HelperScript}; not run", customMessage: run.ToString());
        File.Exists(marker).ShouldBeFalse();
    }

    [Theory]
    [InlineData("", 0, "it ran, exited 0 and printed a key")]
    [InlineData("exit 4", 1, "CLAWKER1013: The apiKeyHelper in ")]
    public async Task With_RunApiKeyHelper_the_helper_runs_and_its_output_is_never_shown(string exit, int exitCode, string expected)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper is a /bin/sh script");
        _login.WriteApiKeyHelper($"echo {_key}; echo {_key} >&2; {exit}");
        using var script = await CakeScript.CreateAsync(feed, Validate);

        var run = await script.RunAsync(_login.Environment(), "--run=true", "--verbosity=diagnostic");

        run.ExitCode.ShouldBe(exitCode, run.ToString());
        run.All.ShouldContain(expected, customMessage: run.ToString());
        run.All.ShouldNotContain(_key);
        run.All.ShouldNotContain("cakeleak");
    }

    [Fact]
    public async Task A_helper_in_the_working_folders_project_settings_is_read_and_resolved_there()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper is a /bin/sh script");
        using var script = await CakeScript.CreateAsync(feed, Validate);
        Directory.CreateDirectory(Path.Combine(script.Directory, ".claude"));
        var settings = Path.Combine(script.Directory, ".claude", "settings.json");
        File.WriteAllText(settings, """{ "apiKeyHelper": "./missing-helper.sh" }""");

        var run = await script.RunAsync(_login.Environment());

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain("Error: CLAWKER1012: ", customMessage: run.ToString());
        run.Error.ShouldContain(settings, customMessage: run.ToString());
        run.All.ShouldNotContain("missing-helper");
    }
}
