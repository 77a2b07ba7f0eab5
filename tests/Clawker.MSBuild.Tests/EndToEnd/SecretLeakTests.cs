namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// A build with a binary log, at diagnostic console verbosity, with a credential (or an
/// overriding environment variable) holding unique tokens: neither the console output nor the
/// binlog replayed at diagnostic verbosity contains them.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class SecretLeakTests(PackageFeed feed) : LoggedInConsumerTest("clawker-e2e-leak-")
{
    [Fact]
    public async Task No_token_reaches_the_console_or_the_binlog_on_success_warnings_or_schema_errors()
    {
        var app = await feed.SharedConsumerAsync("CredApp");
        var env = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = Login.ConfigDir, ["CLAWKER_KEYRING"] = "none" };
        var file = Login.CredentialsFile;
        var access = ClaudeLogin.NewAccessToken();
        var refresh = "sk-ant-ort01-clawkerleak-" + Guid.NewGuid().ToString("N");

        // Usable, with both warnings (expired but refreshable, no inference scope): every message path of a passing check.
        await File.WriteAllTextAsync(file, ClaudeLogin.Json(access, expiresAt: ClaudeLogin.Past, refreshToken: refresh, scopes: ["user:profile"]),
            TestContext.Current.CancellationToken);
        var passing = await BuildWithBinlogAsync(app, env, "passing", "Clawker credentials: Claude Code login from");
        passing.Console.ShouldContain("warning CLAWKER1005");
        passing.Console.ShouldContain("warning CLAWKER1008");

        // Unusable, with the tokens where the schema check trips over them.
        await File.WriteAllTextAsync(file, "{\"claudeAiOauth\": {\"accessToken\": \"" + access + "\", \"refreshToken\": \"" + refresh + "\", \"expiresAt\": \"" + access + "\"}}",
            TestContext.Current.CancellationToken);
        var failing = await BuildWithBinlogAsync(app, env, "failing", "CLAWKER1003");
        failing.Console.ShouldContain("error CLAWKER1003");
        failing.Console.ShouldContain("expiresAt");

        foreach (var text in Outputs(passing, failing))
        {
            text.ShouldNotContainAny(access, refresh, "clawkerleak");
        }
    }

    [Fact]
    public async Task No_token_reaches_the_console_or_the_binlog_of_a_failing_ClawkerPrepare_nor_from_an_overriding_variable()
    {
        var app = await feed.SharedConsumerAsync("CredApp");
        var access = ClaudeLogin.NewAccessToken();
        var apiKey = "sk-ant-api03-clawkerleak-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(Login.CredentialsFile, ClaudeLogin.Json(access), TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string?>
        {
            ["CLAUDE_CONFIG_DIR"] = Login.ConfigDir,
            ["CLAWKER_KEYRING"] = "none",
            ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock",
        };

        // The stored login passes, then the engine is not there: the whole pre-run step, failing.
        var stored = await BuildWithBinlogAsync(app, env, "prepare", "CLAWKER2001", "-t:ClawkerPrepare", "-p:ClawkerBuildImageOnRun=true");
        stored.Console.ShouldContain("Clawker credentials: Claude Code login from");

        // A key in the environment: the check names the variable, never its value.
        env["ANTHROPIC_API_KEY"] = apiKey;
        var overridden = await BuildWithBinlogAsync(app, env, "override", "ANTHROPIC_API_KEY is set", "-t:ClawkerPrepare", "-p:ClawkerBuildImageOnRun=true");

        foreach (var text in Outputs(stored, overridden))
        {
            text.ShouldContain("error CLAWKER2001");
            text.ShouldNotContainAny(access, apiKey, "clawkerleak");
        }
    }

    [Fact]
    public async Task No_apiKeyHelper_output_reaches_the_console_or_the_binlog_when_it_runs_and_passes_or_fails()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper is a /bin/sh script");
        var app = await feed.SharedConsumerAsync("CredApp");
        var key = "sk-ant-api03-clawkerleak-" + Guid.NewGuid().ToString("N");
        var env = Login.Environment();
        string[] run = ["-t:ClawkerValidateCredentials", "-p:ClawkerRunApiKeyHelper=true"];

        // The key on stdout and stderr: once passing, once with a failing exit.
        Login.WriteApiKeyHelper($"echo {key}; echo {key} >&2");
        var passing = await BuildWithBinlogAsync(app, env, "helper-pass", "printed a key", run);
        Login.WriteApiKeyHelper($"echo {key}; echo {key} >&2; exit 3");
        var failing = await BuildWithBinlogAsync(app, env, "helper-fail", "CLAWKER1013", run);
        failing.Console.ShouldContain("error CLAWKER1013");

        foreach (var text in Outputs(passing, failing))
        {
            text.ShouldNotContainAny(key, "clawkerleak");
        }
    }

    [Fact]
    public async Task No_registry_auth_from_a_malformed_docker_config_or_context_and_no_token_from_a_stored_field_reaches_the_console_or_the_binlog()
    {
        var app = await feed.SharedConsumerAsync("CredApp");
        var access = ClaudeLogin.NewAccessToken();
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("user:KNOWN-PASSWORD-" + Guid.NewGuid().ToString("N")));
        var docker = Directory.CreateDirectory(Path.Combine(Login.ConfigDir, "docker")).FullName;
        var meta = Path.Combine(docker, "contexts", "meta",
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("leaky"u8)).ToLowerInvariant(), "meta.json");
        Directory.CreateDirectory(Path.GetDirectoryName(meta)!);

        // A usable login whose subscriptionType holds the token: the passing line shows "unrecognised".
        var login = ClaudeLogin.Json(access, subscriptionType: access);
        await File.WriteAllTextAsync(Login.CredentialsFile, login, TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = Login.ConfigDir, ["CLAWKER_KEYRING"] = "none", ["DOCKER_CONFIG"] = docker, ["DOCKER_HOST"] = null };

        // config.json with the auth where the JSON reader's message would quote it.
        await File.WriteAllTextAsync(Path.Combine(docker, "config.json"), "{\"auths\":{\"r.example\":{\"auth\":f" + auth + "}}}", TestContext.Current.CancellationToken);
        var config = await BuildWithBinlogAsync(app, env, "config", "CLAWKER2001", "-t:ClawkerPrepare", "-p:ClawkerBuildImageOnRun=true");
        config.Console.ShouldContain("subscription unrecognised");

        // A valid config.json choosing a context whose meta.json is malformed around the auth.
        await File.WriteAllTextAsync(Path.Combine(docker, "config.json"), """{"currentContext":"leaky"}""", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(meta, "{\"Endpoints\":{\"docker\":{\"Host\":t" + auth + "}}}", TestContext.Current.CancellationToken);
        var context = await BuildWithBinlogAsync(app, env, "meta", "CLAWKER2001", "-t:ClawkerPrepare", "-p:ClawkerBuildImageOnRun=true");

        foreach (var text in Outputs(config, context))
        {
            text.ShouldContain("error CLAWKER2001");
            text.ShouldContain("not valid JSON (line 1");
            text.ShouldNotContainAny(auth, auth[..12], "KNOWN-PASSWORD", access);
        }
    }

    /// <summary>The console output and the replayed binlog of each build: every text a secret must not reach.</summary>
    private static string[] Outputs(params (string Console, string Replay)[] builds) => [.. builds.SelectMany(b => new[] { b.Console, b.Replay })];

    private async Task<(string Console, string Replay)> BuildWithBinlogAsync(Consumer app, Dictionary<string, string?> env, string name, string expected,
        params string[] targets)
    {
        var binlog = Path.Combine(Login.ConfigDir, name + ".binlog");
        var console = await app.BuildAsync(env, [.. targets.Length > 0 ? targets : ["-t:Build;ClawkerValidateCredentials"], "-v:diag", $"-bl:{binlog}"]);
        File.Exists(binlog).ShouldBeTrue(console.All);
        console.All.ShouldContain("ClawkerValidateCredentials");

        var replayLog = Path.Combine(Login.ConfigDir, name + ".replay.log");
        (await app.DotNetAsync(null, "msbuild", binlog, "-noconlog", "-fl", $"-flp:logfile={replayLog};verbosity=diagnostic")).ShouldSucceed();
        var replay = await File.ReadAllTextAsync(replayLog);
        replay.ShouldContain(expected, Case.Sensitive, "the replay holds the task's messages");
        replay.Length.ShouldBeGreaterThan(10_000);
        return (console.All, replay);
    }
}
