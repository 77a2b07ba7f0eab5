namespace Clawker.Cake.Tests.Credentials;

/// <summary>Policies and reports over crafted credential files, with the keyring switched off (CLAWKER_KEYRING=none).</summary>
public sealed class ClawkerCredentialAliasesTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _token = ClaudeLogin.NewAccessToken();

    private string ConfigDir => _temp.Combine("claude");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_valid_login_is_reported_with_source_expiry_and_subscription_and_never_its_token()
    {
        var expires = DateTimeOffset.UtcNow.AddHours(5);
        ClaudeLogin.WriteFile(ConfigDir, ClaudeLogin.Json(_token, expires));
        var context = Context();

        var report = context.ClawkerValidateCredentials();

        report.Found.ShouldBeTrue();
        report.Source.ShouldContain(Path.Combine(ConfigDir, ".credentials.json"));
        report.ExpiresAt!.Value.ToUnixTimeMilliseconds().ShouldBe(expires.ToUnixTimeMilliseconds());
        report.SubscriptionType.ShouldBe("max");
        report.Findings.ShouldBeEmpty();
        context.FakeLog.At(LogLevel.Warning).ShouldBeEmpty();
        context.FakeLog.At(LogLevel.Information).ShouldHaveSingleItem().ShouldContain(".credentials.json");
        AssertNoLeak(context, report);
    }

    [Fact]
    public void A_missing_login_is_a_CLAWKER1001_warning_by_default()
    {
        var context = Context();

        var report = context.ClawkerValidateCredentials();

        report.Found.ShouldBeFalse();
        report.Findings.ShouldHaveSingleItem().Code.ShouldBe("CLAWKER1001");
        context.FakeLog.At(LogLevel.Warning).ShouldHaveSingleItem().ShouldStartWith("CLAWKER1001: ");
    }

    [Fact]
    public void A_missing_login_fails_with_CLAWKER1001_under_policy_Error()
    {
        var failure = Should.Throw<CakeException>(() => Context().ClawkerValidateCredentials(new ClawkerCredentialSettings { CredentialNotFound = ClawkerPolicy.Error }));

        failure.Message.ShouldStartWith("CLAWKER1001: ");
    }

    [Fact]
    public void A_missing_login_logs_no_warning_under_policy_Ignore()
    {
        var context = Context();

        var report = context.ClawkerValidateCredentials(new ClawkerCredentialSettings { CredentialNotFound = ClawkerPolicy.Ignore });

        report.Found.ShouldBeFalse();
        context.FakeLog.At(LogLevel.Warning).ShouldBeEmpty();
    }

    [Fact]
    public void An_expired_login_without_refresh_token_fails_with_CLAWKER1004()
    {
        ClaudeLogin.WriteFile(ConfigDir, ClaudeLogin.Json(_token, DateTimeOffset.UtcNow.AddHours(-1), refreshToken: null));

        var failure = Should.Throw<CakeException>(() => Context().ClawkerValidateCredentials());

        failure.Message.ShouldStartWith("CLAWKER1004: ");
        failure.Message.ShouldNotContain(_token);
    }

    [Fact]
    public void An_expired_but_refreshable_login_is_a_CLAWKER1005_warning_by_default()
    {
        ClaudeLogin.WriteFile(ConfigDir, ClaudeLogin.Json(_token, DateTimeOffset.UtcNow.AddHours(-1)));
        var context = Context();

        var report = context.ClawkerValidateCredentials();

        report.Found.ShouldBeTrue();
        report.Findings.ShouldHaveSingleItem().Code.ShouldBe("CLAWKER1005");
        context.FakeLog.At(LogLevel.Warning).ShouldHaveSingleItem().ShouldStartWith("CLAWKER1005: ");
        AssertNoLeak(context, report);
    }

    [Fact]
    public void An_expired_but_refreshable_login_fails_with_CLAWKER1005_under_policy_Error()
    {
        ClaudeLogin.WriteFile(ConfigDir, ClaudeLogin.Json(_token, DateTimeOffset.UtcNow.AddHours(-1)));

        var failure = Should.Throw<CakeException>(() => Context().ClawkerValidateCredentials(new ClawkerCredentialSettings { CredentialRefreshable = ClawkerPolicy.Error }));

        failure.Message.ShouldStartWith("CLAWKER1005: ");
    }

    [Fact]
    public void A_login_without_the_inference_scope_is_a_CLAWKER1008_warning()
    {
        ClaudeLogin.WriteFile(ConfigDir, ClaudeLogin.Json(_token, DateTimeOffset.UtcNow.AddHours(1), scopes: ["user:profile"]));
        var context = Context();

        var report = context.ClawkerValidateCredentials();

        report.Findings.ShouldHaveSingleItem().Code.ShouldBe("CLAWKER1008");
        context.FakeLog.At(LogLevel.Warning).ShouldHaveSingleItem().ShouldStartWith("CLAWKER1008: ");
    }

    [Fact]
    public void Not_json_fails_with_CLAWKER1003()
    {
        ClaudeLogin.WriteFile(ConfigDir, "{not-json}");

        Should.Throw<CakeException>(() => Context().ClawkerValidateCredentials()).Message.ShouldStartWith("CLAWKER1003: ");
    }

    [Fact]
    public void An_API_key_in_the_environment_makes_the_stored_login_irrelevant()
    {
        var context = Context(new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-api-test" });

        var report = context.ClawkerValidateCredentials(new ClawkerCredentialSettings { CredentialNotFound = ClawkerPolicy.Error });

        report.Found.ShouldBeTrue();
        report.OverriddenBy.ShouldBe("ANTHROPIC_API_KEY");
        context.FakeLog.At(LogLevel.Information).ShouldHaveSingleItem().ShouldContain("ANTHROPIC_API_KEY");
    }

    [Fact]
    public void A_bad_keyring_backend_name_is_a_cake_error_naming_the_accepted_values()
    {
        var failure = Should.Throw<CakeException>(() => Context().ClawkerValidateCredentials(new ClawkerCredentialSettings { KeyringBackend = "vault" }));

        failure.Message.ShouldStartWith("CLAWKER1009: ");
        failure.Message.ShouldContain("secret-service, keychain, wincred or none");
    }

    private FakeCakeContext Context(Dictionary<string, string>? extra = null)
    {
        var variables = new Dictionary<string, string> { ["CLAUDE_CONFIG_DIR"] = ConfigDir, ["CLAWKER_KEYRING"] = "none", ["USER"] = "builder" };
        foreach (var (name, value) in extra ?? [])
        {
            variables[name] = value;
        }

        return new FakeCakeContext(new FakeCakeEnvironment(_temp.Path, variables, home: _temp.Combine("home")));
    }

    private void AssertNoLeak(FakeCakeContext context, ClawkerCredentialReport report)
    {
        report.ToString().ShouldNotContain(_token);
        context.FakeLog.Entries.ShouldAllBe(e => !e.Message.Contains(_token, StringComparison.Ordinal));
    }
}
