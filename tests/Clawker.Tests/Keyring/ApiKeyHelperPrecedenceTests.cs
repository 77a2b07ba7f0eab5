using static Clawker.Tests.Keyring.ClaudeCodeFixtures;

namespace Clawker.Tests.Keyring;

/// <summary>
/// Claude Code's order, first match wins: cloud switches, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY,
/// apiKeyHelper, CLAUDE_CODE_OAUTH_TOKEN, the stored login; and the settings files in its order.
/// </summary>
public sealed class ApiKeyHelperPrecedenceTests : HelperSandboxTests
{
    [Theory]
    [MemberData(nameof(VariablesBeforeTheHelper), MemberType = typeof(ClaudeCodeFixtures))]
    public async Task A_variable_before_the_helper_wins_and_the_helper_is_not_even_resolved(string variable, string value)
    {
        // A helper that does not resolve would be CLAWKER1012: the variable must come first.
        HelperSandbox.SetHelper(Box.UserFile, "/nonexistent/helper");

        var result = await ClaudeCodeCredentials.CheckAsync(Box.Options(variables: (variable, value)), Ct);

        result.OverriddenBy.ShouldBe(variable);
    }

    [Fact]
    public async Task The_helper_wins_over_CLAUDE_CODE_OAUTH_TOKEN_and_the_stored_login()
    {
        HelperSandbox.SetHelper(Box.UserFile, "true");
        var keyring = await KeyringWith(Json());

        var result = await ClaudeCodeCredentials.CheckAsync(Box.Options(keyring, variables: ("CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat01-z")), Ct);

        result.OverriddenBy.ShouldBe("apiKeyHelper");
        result.IsOverridden.ShouldBeTrue();
        result.Credential.ShouldBeNull();
        result.Source.ShouldStartWith($"the apiKeyHelper in {Box.UserFile} (command: a shell builtin; not run");
        result.ToString().ShouldBe($"Claude Code will not use a stored login: it uses {result.Source}");
    }

    [Fact]
    public async Task Without_a_helper_CLAUDE_CODE_OAUTH_TOKEN_then_the_stored_login_decide()
    {
        var keyring = await KeyringWith(Json());
        (await ClaudeCodeCredentials.CheckAsync(Box.Options(keyring, variables: ("CLAUDE_CODE_OAUTH_TOKEN", "t")), Ct)).OverriddenBy.ShouldBe("CLAUDE_CODE_OAUTH_TOKEN");
        (await ClaudeCodeCredentials.CheckAsync(Box.Options(keyring), Ct)).Credential.ShouldNotBeNull();
    }

    public static TheoryData<int> Levels => [0, 1, 2, 3, 4];

    // Highest first, as Claude Code ranks them: a managed drop-in, managed-settings.json, local, project, user.
    private string[] FilesInOrder() => [Box.DropIn("10-auth.json"), Box.ManagedFile, Box.LocalFile, Box.ProjectFile, Box.UserFile];

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Each_settings_file_is_read_and_the_highest_that_sets_the_helper_wins(int level)
    {
        var files = FilesInOrder();
        for (var i = level; i < files.Length; i++)
        {
            HelperSandbox.SetHelper(files[i], "true");
        }

        // Files above the winner exist but do not set it.
        for (var i = 0; i < level; i++)
        {
            HelperSandbox.Write(files[i], """{ "model": "sonnet" }""");
        }

        var result = await ClaudeCodeCredentials.CheckAsync(Box.Options(), Ct);

        result.Source.ShouldStartWith($"the apiKeyHelper in {files[level]} (");
    }

    [Fact]
    public async Task Of_the_managed_drop_ins_the_last_in_name_order_wins()
    {
        HelperSandbox.SetHelper(Box.DropIn("10-a.json"), "true");
        HelperSandbox.SetHelper(Box.DropIn("20-b.json"), "true");
        HelperSandbox.Write(Box.DropIn("30-c.json"), "{}");

        (await ClaudeCodeCredentials.CheckAsync(Box.Options(), Ct)).Source.ShouldContain(Box.DropIn("20-b.json"));
    }

    [Fact]
    public async Task The_user_file_is_CLAUDE_CONFIG_DIR_settings_json_when_set()
    {
        var config = Path.Combine(Box.Root, "config");
        HelperSandbox.SetHelper(Box.UserFile, "/nonexistent/would-fail");
        var file = HelperSandbox.SetHelper(Path.Combine(config, "settings.json"), "true");

        var result = await ClaudeCodeCredentials.CheckAsync(Box.Options(variables: ("CLAUDE_CONFIG_DIR", config)), Ct);

        result.Source.ShouldContain(file);
    }

    [Fact]
    public async Task Without_a_project_folder_the_project_files_are_not_read()
    {
        HelperSandbox.SetHelper(Box.ProjectFile, "true");
        var keyring = await KeyringWith(Json());

        var result = await ClaudeCodeCredentials.CheckAsync(Box.Options(keyring, withProject: false), Ct);

        result.OverriddenBy.ShouldBeNull();
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("null")]
    public async Task A_blank_or_null_helper_counts_as_unset_and_the_next_file_decides(string value)
    {
        HelperSandbox.Write(Box.ProjectFile, $$"""{ "apiKeyHelper": {{value}} }""");
        HelperSandbox.SetHelper(Box.UserFile, "true");

        (await ClaudeCodeCredentials.CheckAsync(Box.Options(), Ct)).Source.ShouldContain(Box.UserFile);
    }

    [Fact]
    public async Task Duplicate_keys_the_last_wins_as_in_JSON_parse()
    {
        HelperSandbox.Write(Box.UserFile, """{ "apiKeyHelper": "/nonexistent/first", "apiKeyHelper": "true" }""");

        (await ClaudeCodeCredentials.CheckAsync(Box.Options(), Ct)).Source.ShouldContain("shell builtin");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("5m")]
    [InlineData("99999999999999999999999")]
    [InlineData(HelperSandbox.Secret)]
    public async Task A_TTL_that_is_not_a_positive_integer_is_CLAWKER1014_without_its_value(string value)
    {
        var error = await Should.ThrowAsync<CredentialException>(() =>
            ClaudeCodeCredentials.CheckAsync(Box.Options(variables: ("CLAUDE_CODE_API_KEY_HELPER_TTL_MS", value)), Ct)).OfKind(CredentialErrorKind.InvalidVariable);

        error.Code.ShouldBe("CLAWKER1014");
        error.Message.ShouldContain("CLAUDE_CODE_API_KEY_HELPER_TTL_MS");
        error.ToString().ShouldNotContain(HelperSandbox.Secret);
        if (value.Length > 3)
        {
            error.Message.ShouldNotContain(value);
        }
    }

    [Theory]
    [InlineData("300000")]
    [InlineData(" 1 ")]
    public async Task A_positive_TTL_passes(string value)
    {
        HelperSandbox.SetHelper(Box.UserFile, "true");
        (await ClaudeCodeCredentials.CheckAsync(Box.Options(variables: ("CLAUDE_CODE_API_KEY_HELPER_TTL_MS", value)), Ct)).OverriddenBy.ShouldBe("apiKeyHelper");
    }
}
