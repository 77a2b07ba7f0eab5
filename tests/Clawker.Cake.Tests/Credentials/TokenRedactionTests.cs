namespace Clawker.Cake.Tests.Credentials;

/// <summary>
/// A known access token (and refresh token) through every path of <see cref="ClawkerCredentialAliases"/>:
/// passing, warning, ignored and failing, with the log recording every level down to Diagnostic. Neither
/// token may appear in any log entry, the report, a finding, a note, or the exception with its inner chain.
/// </summary>
public sealed class TokenRedactionTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _token = ClaudeLogin.NewAccessToken();
    private readonly string _refresh = $"sk-ant-ort01-known-{Guid.NewGuid():N}";

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Paths() =>
    [
        "valid", "refreshable-warning", "refreshable-ignore", "refreshable-error", "expired", "no-inference-scope",
        "not-json", "expiresAt-not-integer", "organizationUuid-not-a-uuid", "accessToken-not-a-string",
        "token-in-subscriptionType", "token-in-rateLimitTier-and-scopes", "glued-literal", "not-utf8", "fifo", "dev-zero",
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN",
    ];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task No_alias_path_shows_the_token(string path)
    {
        var (settings, variables) = Arrange(path);
        var context = new FakeCakeContext(new FakeCakeEnvironment(_temp.Path, variables, home: _temp.Combine("home")));

        string shown;
        try
        {
            // Bounded: a FIFO once blocked the read forever.
            var report = await Task.Run(() => context.ClawkerValidateCredentials(settings), TestContext.Current.CancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            shown = string.Join('\n', [report.ToString(), report.Source, report.OverriddenBy, .. report.Findings.Select(f => f.ToString()), .. report.Notes]);
            context.FakeLog.Entries.ShouldNotBeEmpty("a path that passes logs what it found");
        }
        catch (CakeException failure)
        {
            failure.Message.ShouldMatch("^CLAWKER10[0-9][0-9]: ");
            shown = failure.ToString(); // the message, the inner exceptions and their messages, as Cake prints at Diagnostic
        }

        var everything = shown + "\n" + string.Join('\n', context.FakeLog.Entries.Select(e => e.Message));
        everything.ShouldNotContain(_token);
        everything.ShouldNotContain(_refresh);
        everything.ShouldNotContain(_token[^12..], customMessage: "not even the token's tail");
    }

    private (ClawkerCredentialSettings Settings, Dictionary<string, string> Variables) Arrange(string path)
    {
        var configDir = _temp.Combine("claude");
        var variables = new Dictionary<string, string> { ["CLAUDE_CONFIG_DIR"] = configDir, ["CLAWKER_KEYRING"] = "none", ["USER"] = "builder" };
        var settings = new ClawkerCredentialSettings();
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var inHour = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
        var json = path switch
        {
            "valid" => Login(inHour),
            "refreshable-warning" or "refreshable-ignore" or "refreshable-error" => Login(hourAgo),
            "expired" => $$$"""{"claudeAiOauth":{"accessToken":"{{{_token}}}","expiresAt":{{{hourAgo}}},"scopes":["user:inference"]}}""",
            "no-inference-scope" => Login(inHour, scopes: "\"user:profile\""),
            "not-json" => $"accessToken={_token} refreshToken={_refresh}",
            "expiresAt-not-integer" => $$$"""{"claudeAiOauth":{"accessToken":"{{{_token}}}","refreshToken":"{{{_refresh}}}","expiresAt":"{{{_token}}}"}}""",
            "organizationUuid-not-a-uuid" => $$$"""{"claudeAiOauth":{"accessToken":"{{{_token}}}","refreshToken":"{{{_refresh}}}","expiresAt":{{{inHour}}}},"organizationUuid":"{{{_token}}}"}""",
            "accessToken-not-a-string" => $$$"""{"claudeAiOauth":{"accessToken":["{{{_token}}}"],"refreshToken":"{{{_refresh}}}","expiresAt":{{{inHour}}}}}""",
            "token-in-subscriptionType" => Login(inHour).Replace("\"max\"", $"\"{_token}\"", StringComparison.Ordinal),
            "token-in-rateLimitTier-and-scopes" => Login(inHour, scopes: $"\"user:inference\", \"{_token}\"").Replace("\"subscriptionType\"", $"\"rateLimitTier\":\"{_token}\",\"subscriptionType\"", StringComparison.Ordinal),
            "glued-literal" => $$$"""{"claudeAiOauth":{"accessToken":f{{{_token}}},"refreshToken":"{{{_refresh}}}"}}""", // the reader's message quotes the rest
            _ => Login(inHour),
        };
        settings.CredentialRefreshable = path switch
        {
            "refreshable-ignore" => ClawkerPolicy.Ignore,
            "refreshable-error" => ClawkerPolicy.Error,
            _ => ClawkerPolicy.Warning,
        };
        if (path.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || path.StartsWith("CLAUDE_CODE_", StringComparison.Ordinal))
        {
            variables[path] = _token; // the override's value is a secret as well
        }

        ClaudeLogin.WriteFile(configDir, json);
        var file = Path.Combine(configDir, ".credentials.json");
        switch (path)
        {
            case "not-utf8":
                File.WriteAllBytes(file, [.. System.Text.Encoding.UTF8.GetBytes(json[..^10]), 0xFF, .. System.Text.Encoding.UTF8.GetBytes(json[^10..])]);
                break;
            case "fifo":
                File.Delete(file);
                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [file]))
                {
                    mkfifo.WaitForExit();
                }

                break;
            case "dev-zero":
                File.Delete(file);
                File.CreateSymbolicLink(file, "/dev/zero");
                break;
        }

        return (settings, variables);
    }

    private string Login(long expiresAt, string scopes = "\"user:inference\"") =>
        ClaudeLogin.RawJson(_token, _refresh, expiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture), $"[{scopes}]", organizationUuid: null, rateLimitTier: null);
}
