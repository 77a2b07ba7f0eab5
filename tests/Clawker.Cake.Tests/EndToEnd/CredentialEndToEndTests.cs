namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>Exit codes and messages of a real Cake run over crafted credential files (keyring off).</summary>
public sealed class CredentialEndToEndTests(AddinFeed feed) : LoggedInCakeTest
{
    [Fact]
    public async Task An_expired_credential_without_refreshToken_fails_the_build_with_CLAWKER1004()
    {
        Login.Write(ClaudeLogin.Json(Token, DateTimeOffset.UtcNow.AddDays(-1), refreshToken: null));
        using var script = await CakeScript.CreateAsync(feed, """
            Task("Validate").Does(() => ClawkerValidateCredentials());
            RunTarget("Validate");
            """);

        var run = await script.RunAsync(Environment());

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain("Error: CLAWKER1004: ", customMessage: run.ToString());
        run.Error.ShouldContain(Login.CredentialsFile, customMessage: run.ToString());
        run.All.ShouldNotContain(Token);
    }

    [Fact]
    public async Task A_missing_credential_is_a_warning_and_the_build_succeeds()
    {
        using var script = await CakeScript.CreateAsync(feed, """
            Task("Validate").Does(() => Information("found={0}", ClawkerValidateCredentials().Found));
            RunTarget("Validate");
            """);

        var run = await script.RunAsync(Environment());

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("CLAWKER1001: ", customMessage: run.ToString());
        run.Output.ShouldContain("found=False", customMessage: run.ToString());
    }

    [Theory]
    [InlineData("valid", "report: Claude Code login from file")]
    [InlineData("expired", "CLAWKER1004: ")]
    [InlineData("not-claude-code-json", "CLAWKER1003: ")]
    public async Task At_diagnostic_verbosity_no_run_shows_theToken(string login, string expected)
    {
        var json = login switch
        {
            "valid" => ClaudeLogin.Json(Token, DateTimeOffset.UtcNow.AddHours(1)),
            "expired" => ClaudeLogin.Json(Token, DateTimeOffset.UtcNow.AddDays(-1), refreshToken: null),
            _ => $$$"""{"claudeAiOauth":{"accessToken":"{{{Token}}}","expiresAt":"{{{Token}}}"}}""",
        };
        Login.Write(json);
        using var script = await CakeScript.CreateAsync(feed, """
            Task("Validate").Does(() => Information("report: {0}", ClawkerValidateCredentials()));
            RunTarget("Validate");
            """);

        // Diagnostic: Cake prints every verbose line and, on failure, the exception with its inner chain.
        var run = await script.RunAsync(Environment(), "--verbosity=diagnostic");

        run.ExitCode.ShouldBe(login == "valid" ? 0 : 1, run.ToString());
        run.All.ShouldContain(expected, customMessage: run.ToString());
        run.All.ShouldNotContain(Token);
    }
}
