using System.Security.Cryptography;
using static Clawker.Tests.Keyring.ClaudeCodeFixtures;

namespace Clawker.Tests.Keyring;

public class ClaudeCodeCredentialsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // clawker's own table of cases (internal/keyring/claude_code_test.go), plus the schema rules.
    public static TheoryData<string, string?, CredentialErrorKind?> Cases => new()
    {
        { "valid", Json(), null },
        { "no entry", null, CredentialErrorKind.NotFound },
        { "blank", "   ", CredentialErrorKind.Empty },
        { "not JSON", "{not-json}", CredentialErrorKind.InvalidSchema },
        { "organizationUuid not a UUID", Json(organization: "\"not-a-uuid\""), CredentialErrorKind.InvalidSchema },
        { "expired without refresh token", Json(refreshToken: null, expiresAt: Expired), CredentialErrorKind.Expired },
        { "no claudeAiOauth", "{\"other\": {}}", CredentialErrorKind.InvalidSchema },
        { "blank accessToken", Json(accessToken: " "), CredentialErrorKind.InvalidSchema },
        { "expiresAt a string", Json(expiresAt: "\"tomorrow\""), CredentialErrorKind.InvalidSchema },
        { "expiresAt fractional", Json(expiresAt: "1767225600000.5"), CredentialErrorKind.InvalidSchema },
        { "a JSON array", "[1, 2]", CredentialErrorKind.InvalidSchema },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Clawkers_table_of_cases_from_the_keychain(string name, string? stored, CredentialErrorKind? expected)
    {
        using var home = new TempHome();
        var keyring = stored is null ? new InMemoryKeyring() : await KeyringWith(stored);
        var check = () => ClaudeCodeCredentials.CheckAsync(Options(keyring, home.Path), Ct);

        if (expected is null)
        {
            var result = await check();
            result.Credential!.AccessToken.Reveal().ShouldBe(AccessToken, name);
            result.Findings.ShouldBeEmpty();
        }
        else
        {
            (await Should.ThrowAsync<CredentialException>(check)).Kind.ShouldBe(expected.Value, name);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Clawkers_table_of_cases_from_the_file(string name, string? stored, CredentialErrorKind? expected)
    {
        using var home = new TempHome();
        if (stored is not null)
        {
            home.WithFile(stored);
        }

        var check = () => ClaudeCodeCredentials.CheckAsync(Options(new InMemoryKeyring(), home.Path), Ct);

        if (expected is null)
        {
            (await check()).Source.ShouldBe($"file {home.CredentialsFile}", name);
        }
        else
        {
            (await Should.ThrowAsync<CredentialException>(check)).Kind.ShouldBe(expected.Value, name);
        }
    }

    [Fact]
    public async Task Valid_login_reports_source_expiry_subscription_and_the_raw_blob_verbatim()
    {
        using var home = new TempHome();
        var json = Json();
        var result = await ClaudeCodeCredentials.CheckAsync(Options(await KeyringWith(json), home.Path), Ct);

        result.Source.ShouldBe($"in-memory keyring (service 'Claude Code-credentials', user '{User}')");
        result.ExpiresAt.ShouldBe(Now.AddHours(5));
        result.SubscriptionType.ShouldBe("max");
        result.RawBlob!.Reveal().ShouldBe(json); // unknown keys (mcpOAuth) and layout kept
        result.Credential!.OrganizationUuid.ShouldBe(Guid.Parse("550e8400-e29b-41d4-a716-446655440000"));
        result.OverriddenBy.ShouldBeNull();
    }

    [Fact]
    public async Task Expired_with_a_refresh_token_is_a_finding_not_an_error()
    {
        using var home = new TempHome();
        var result = await ClaudeCodeCredentials.CheckAsync(Options(await KeyringWith(Json(expiresAt: Expired)), home.Path), Ct);

        result.Findings.ShouldBe([CredentialFinding.ExpiredButRefreshable]);
        CredentialFindings.CodeFor(result.Findings[0]).ShouldBe("CLAWKER1005");
    }

    [Fact]
    public async Task Scopes_without_user_inference_are_a_finding()
    {
        using var home = new TempHome();
        var result = await ClaudeCodeCredentials.CheckAsync(Options(await KeyringWith(Json(scopes: "[\"user:profile\"]")), home.Path), Ct);

        result.Findings.ShouldBe([CredentialFinding.ScopeMissingInference]);
        CredentialFindings.CodeFor(result.Findings[0]).ShouldBe("CLAWKER1008");
    }

    [Theory]
    [MemberData(nameof(VariablesBeforeTheHelper), MemberType = typeof(ClaudeCodeFixtures))]
    [InlineData("CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat01-y")]
    public async Task Environment_that_makes_the_stored_login_irrelevant_is_reported_without_reading_any_store(string variable, string value)
    {
        using var home = new TempHome();
        var keyring = new FailingKeyring(where => new CredentialException(CredentialErrorKind.Unavailable, where, "must not be read"));

        var result = await ClaudeCodeCredentials.CheckAsync(Options(keyring, home.Path, (variable, value)), Ct);

        result.OverriddenBy.ShouldBe(variable);
        result.IsOverridden.ShouldBeTrue();
        result.Credential.ShouldBeNull();
        result.ToString().ShouldContain(variable);
        if (!variable.StartsWith("CLAUDE_CODE_USE_", StringComparison.Ordinal))
        {
            result.ToString().ShouldNotContain(value);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    public async Task Cloud_switch_set_to_false_does_not_override(string value)
    {
        using var home = new TempHome();
        var result = await ClaudeCodeCredentials.CheckAsync(Options(await KeyringWith(Json()), home.Path, ("CLAUDE_CODE_USE_BEDROCK", value)), Ct);
        result.OverriddenBy.ShouldBeNull();
    }

    [Fact]
    public async Task Unavailable_keyring_falls_through_to_the_file_and_notes_why()
    {
        using var home = new TempHome().WithFile(Json());
        var keyring = new FailingKeyring(where => new CredentialException(CredentialErrorKind.Unavailable, where, "no session bus"), KeyringBackendKind.SecretService);

        var result = await ClaudeCodeCredentials.CheckAsync(Options(keyring, home.Path), Ct);

        result.Source.ShouldBe($"file {home.CredentialsFile}");
        result.Notes.ShouldHaveSingleItem().ShouldContain("CLAWKER1007");
    }

    [Fact]
    public async Task Timed_out_keyring_falls_through_to_the_file()
    {
        using var home = new TempHome().WithFile(Json());
        var keyring = new FailingKeyring(where => new CredentialException(CredentialErrorKind.Timeout, where, "slow"));

        (await ClaudeCodeCredentials.CheckAsync(Options(keyring, home.Path), Ct)).Source.ShouldStartWith("file ");
    }

    [Fact]
    public async Task A_bad_keychain_entry_wins_over_a_good_file()
    {
        using var home = new TempHome().WithFile(Json());
        var error = await Should.ThrowAsync<CredentialException>(() =>
            ClaudeCodeCredentials.CheckAsync(Options(new InMemoryKeyring().Also(k => k.SetAsync(ClaudeCodeCredentials.KeychainServiceName, User, "{not-json}")), home.Path), Ct));
        error.Kind.ShouldBe(CredentialErrorKind.InvalidSchema);
        error.Store.ShouldStartWith("in-memory keyring");
    }

    [Fact]
    public async Task Nothing_anywhere_is_NotFound_naming_both_places()
    {
        using var home = new TempHome();
        var error = await Should.ThrowAsync<CredentialException>(() => ClaudeCodeCredentials.CheckAsync(Options(new InMemoryKeyring(), home.Path), Ct)).OfKind(CredentialErrorKind.NotFound);
        error.Message.ShouldContain("no item in in-memory keyring");
        error.Message.ShouldContain(home.CredentialsFile);
    }

    [Fact]
    public async Task Unavailable_Secret_Service_and_no_file_is_NotFound_because_Claude_Code_keeps_Linux_logins_in_the_file()
    {
        using var home = new TempHome();
        var keyring = new FailingKeyring(where => new CredentialException(CredentialErrorKind.Unavailable, where, "no bus"), KeyringBackendKind.SecretService);

        var error = await Should.ThrowAsync<CredentialException>(() => ClaudeCodeCredentials.CheckAsync(Options(keyring, home.Path), Ct));

        error.Kind.ShouldBe(CredentialErrorKind.NotFound);
        error.Message.ShouldContain("could not be read (CLAWKER1007)");
    }

    [Theory]
    [InlineData(CredentialErrorKind.Unavailable)]
    [InlineData(CredentialErrorKind.Timeout)]
    public async Task Unreadable_macOS_Keychain_and_no_file_keeps_the_Keychain_error_because_the_login_lives_there(CredentialErrorKind kind)
    {
        using var home = new TempHome();
        var keyring = new FailingKeyring(
            where => kind == CredentialErrorKind.Timeout ? new CredentialException(CredentialErrorKind.Timeout, where, "slow.") : new CredentialException(CredentialErrorKind.Unavailable, where, "locked."),
            KeyringBackendKind.Keychain);

        var error = await Should.ThrowAsync<CredentialException>(() => ClaudeCodeCredentials.CheckAsync(Options(keyring, home.Path), Ct));

        error.Kind.ShouldBe(kind);
        error.Message.ShouldContain(home.CredentialsFile);
    }

    [Fact]
    public async Task Keyring_none_reads_only_the_file()
    {
        using var home = new TempHome().WithFile(Json());
        var options = new CredentialCheckOptions { KeyringBackend = "none", Environment = ClaudeCodeFixtures.Environment(home.Path) };

        var result = await ClaudeCodeCredentials.CheckAsync(options, Ct);

        result.Source.ShouldBe($"file {home.CredentialsFile}");
        result.Notes.ShouldBeEmpty();
    }

    [Fact]
    public void Config_dir_renames_the_keychain_service_by_hash_and_moves_the_file()
    {
        var dir = "/home/alice/cafe\u0301-config"; // decomposed é: the hash is of the NFC form
        var env = ClaudeCodeFixtures.Environment("/home/alice", (ClaudeCodeCredentials.ConfigDirVariable, dir));
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("/home/alice/caf\u00e9-config")))[..8].ToLowerInvariant();

        ClaudeCodeCredentials.KeychainService(env).ShouldBe($"Claude Code-credentials-{expected}");
        ClaudeCodeCredentials.CredentialsFile(env).ShouldBe($"{dir}/.credentials.json");
    }

    [Fact]
    public void Without_config_dir_the_defaults_apply()
    {
        var env = ClaudeCodeFixtures.Environment("/home/alice");
        ClaudeCodeCredentials.KeychainService(env).ShouldBe("Claude Code-credentials");
        ClaudeCodeCredentials.CredentialsFile(env).ShouldBe("/home/alice/.claude/.credentials.json");
    }
}

internal static class KeyringTestExtensions
{
    public static T Also<T>(this T value, Func<T, Task> action)
    {
        action(value).GetAwaiter().GetResult();
        return value;
    }
}
