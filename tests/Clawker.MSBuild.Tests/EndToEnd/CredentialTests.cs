namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet build -t:ClawkerValidateCredentials</c> of one consumer, with a crafted
/// <c>CLAUDE_CONFIG_DIR</c>: Claude Code's file with CLAWKER_KEYRING=none, and the real Secret
/// Service (gnome-keyring) through go-keyring's attributes.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class CredentialTests(PackageFeed feed) : LoggedInConsumerTest("clawker-e2e-claude-")
{
    public enum Blob
    {
        Valid,
        Missing,
        Blank,
        NotJson,
        BadOrganization,
        ExpiredNoRefresh,
        ExpiredRefreshable,
    }

    private static string Content(Blob blob, string token) => blob switch
    {
        Blob.Valid => ClaudeLogin.Json(token),
        Blob.Blank => "  \n",
        Blob.NotJson => "{not-json}",
        Blob.BadOrganization => ClaudeLogin.Json(token, organizationUuid: "not-a-uuid"),
        Blob.ExpiredNoRefresh => ClaudeLogin.Json(token, expiresAt: ClaudeLogin.Past, refreshToken: null),
        Blob.ExpiredRefreshable => ClaudeLogin.Json(token, expiresAt: ClaudeLogin.Past),
        _ => throw new ArgumentOutOfRangeException(nameof(blob)),
    };

    private Dictionary<string, string?> FileOnly() => new() { ["CLAUDE_CONFIG_DIR"] = Login.ConfigDir, ["CLAWKER_KEYRING"] = "none" };

    [Theory]
    [InlineData(Blob.Valid, null, true, null, null)]
    [InlineData(Blob.Missing, null, true, "warning CLAWKER1001", null)]
    [InlineData(Blob.Blank, null, false, "error CLAWKER1002", null)]
    [InlineData(Blob.NotJson, null, false, "error CLAWKER1003", null)]
    [InlineData(Blob.BadOrganization, null, false, "error CLAWKER1003", "organizationUuid")]
    [InlineData(Blob.ExpiredNoRefresh, null, false, "error CLAWKER1004", null)]
    [InlineData(Blob.ExpiredRefreshable, null, true, "warning CLAWKER1005", null)]
    [InlineData(Blob.ExpiredRefreshable, "Error", false, "error CLAWKER1005", null)]
    public async Task Credentials_file_cases(Blob blob, string? refreshablePolicy, bool succeeds, string? diagnostic, string? detail)
    {
        var token = ClaudeLogin.NewAccessToken();
        var file = Login.CredentialsFile;
        if (blob != Blob.Missing)
        {
            await File.WriteAllTextAsync(file, Content(blob, token), TestContext.Current.CancellationToken);
        }

        var app = await feed.SharedConsumerAsync("CredApp");
        string[] args = refreshablePolicy is null
            ? ["-t:ClawkerValidateCredentials", "-v:n"]
            : ["-t:ClawkerValidateCredentials", "-v:n", $"-p:ClawkerCredentialRefreshable={refreshablePolicy}"];
        var result = await app.BuildAsync(FileOnly(), args);

        (result.ExitCode == 0).ShouldBe(succeeds, result.All);
        if (diagnostic is null)
        {
            result.All.ShouldNotContain("CLAWKER1");
            result.All.ShouldContain($"Clawker credentials: Claude Code login from file {file}, expires {ClaudeLogin.Future.UtcDateTime:yyyy-MM-dd}");
            result.All.ShouldContain("subscription max");
        }
        else
        {
            result.All.ShouldContain(diagnostic);
            result.All.ShouldContain(blob == Blob.Missing ? Login.ConfigDir : file, Case.Sensitive, "the message names where it looked");
        }

        if (detail is not null)
        {
            result.All.ShouldContain(detail);
        }

        result.All.ShouldNotContain(token);
    }

    [Fact]
    public async Task A_login_stored_in_the_real_Secret_Service_with_go_keyring_attributes_is_read_from_there()
    {
        Integration.Require(Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS") is { Length: > 0 },
            "DBUS_SESSION_BUS_ADDRESS is not set: eval \"$(build/services/secret-service.sh start)\" first");
        Integration.Require(File.Exists("/usr/bin/secret-tool"), "secret-tool is not installed (apt-get install libsecret-tools)");

        // The service name depends on CLAUDE_CONFIG_DIR, so this test's item is its own.
        var user = Environment.GetEnvironmentVariable("USER") is { Length: > 0 } u ? u : Environment.UserName;
        var service = ClaudeCodeCredentials.KeychainService(
            ClawkerEnvironment.FromValues(new Dictionary<string, string> { ["CLAUDE_CONFIG_DIR"] = Login.ConfigDir }, "/nonexistent", user));
        var token = ClaudeLogin.NewAccessToken();
        await SecretTool.StoreAsync(service, user, ClaudeLogin.Json(token));
        try
        {
            var app = await feed.SharedConsumerAsync("CredApp");
            var env = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = Login.ConfigDir, ["USER"] = user };

            var result = (await app.BuildAsync(env, "-t:ClawkerValidateCredentials", "-v:n")).ShouldSucceed();

            result.All.ShouldContain($"Clawker credentials: Claude Code login from Secret Service");
            result.All.ShouldContain(service);
            result.All.ShouldContain("subscription max");
            result.All.ShouldNotContain("CLAWKER1");
            result.All.ShouldNotContain(token);
            File.Exists(Login.CredentialsFile).ShouldBeFalse("the login came from the keyring, not a file");
        }
        finally
        {
            await SecretTool.ClearAsync(service, user);
        }
    }
}
