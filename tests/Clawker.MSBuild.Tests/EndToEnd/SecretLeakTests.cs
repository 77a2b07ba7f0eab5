using Clawker.MSBuild.Tests.Infrastructure;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// A build with a binary log, at diagnostic console verbosity, with a credential holding unique
/// tokens: neither the console output nor the binlog replayed at diagnostic verbosity contains them.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class SecretLeakTests(PackageFeed feed) : IDisposable
{
    private readonly DirectoryInfo _config = Directory.CreateTempSubdirectory("clawker-e2e-leak-");

    public void Dispose() => _config.Delete(recursive: true);

    [Fact]
    public async Task No_token_reaches_the_console_or_the_binlog_on_success_warnings_or_schema_errors()
    {
        var app = await feed.SharedConsumerAsync("CredApp");
        var env = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = _config.FullName, ["CLAWKER_KEYRING"] = "none" };
        var file = Path.Combine(_config.FullName, ".credentials.json");
        var access = CredentialJson.NewToken();
        var refresh = "sk-ant-ort01-clawkerleak-" + Guid.NewGuid().ToString("N");

        // Usable, with both warnings (expired but refreshable, no inference scope): every message path of a passing check.
        await File.WriteAllTextAsync(file, CredentialJson.Create(access, expiresAt: CredentialJson.Past, refreshToken: refresh, scopes: ["user:profile"]),
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

        foreach (var text in new[] { passing.Console, passing.Replay, failing.Console, failing.Replay })
        {
            text.ShouldNotContain(access);
            text.ShouldNotContain(refresh);
            text.ShouldNotContain("clawkerleak");
        }
    }

    private async Task<(string Console, string Replay)> BuildWithBinlogAsync(Consumer app, Dictionary<string, string?> env, string name, string expected)
    {
        var binlog = Path.Combine(_config.FullName, name + ".binlog");
        var console = await app.BuildAsync(env, "-t:Build;ClawkerValidateCredentials", "-v:diag", $"-bl:{binlog}");
        File.Exists(binlog).ShouldBeTrue(console.Output);
        console.Output.ShouldContain("ClawkerValidateCredentials");

        var replayLog = Path.Combine(_config.FullName, name + ".replay.log");
        (await app.DotNetAsync(null, "msbuild", binlog, "-noconlog", "-fl", $"-flp:logfile={replayLog};verbosity=diagnostic")).ShouldSucceed();
        var replay = await File.ReadAllTextAsync(replayLog);
        replay.ShouldContain(expected, Case.Sensitive, "the replay holds the task's messages");
        replay.Length.ShouldBeGreaterThan(10_000);
        return (console.Output, replay);
    }
}
