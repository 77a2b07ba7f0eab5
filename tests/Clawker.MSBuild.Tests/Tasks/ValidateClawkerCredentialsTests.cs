using Clawker.Testing;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tests.Tasks;

/// <summary>
/// The credential task over the library with an in-memory keyring and an explicit environment
/// (fakes: the real Secret Service and file cases run end to end in EndToEnd/).
/// </summary>
public sealed class ValidateClawkerCredentialsTests : IDisposable
{
    private const string User = "tester";
    private readonly TempDirectory _home = new("clawker-msbuild-cred-");
    private readonly InMemoryKeyring _keyring = new();
    private readonly Dictionary<string, string> _variables = [];
    private readonly TestBuildEngine _engine = new();

    public void Dispose() => _home.Dispose();

    private async Task StoreAsync(string blob)
    {
        var service = ClaudeCodeCredentials.KeychainService(Environment());
        await _keyring.SetAsync(service, User, blob, TestContext.Current.CancellationToken);
    }

    private ClawkerEnvironment Environment() => ClawkerEnvironment.FromValues(_variables, _home.Path, User);

    private (bool Success, ValidateClawkerCredentials Task) Run(string? notFound = null, string? refreshable = null)
    {
        var task = new ValidateClawkerCredentials
        {
            BuildEngine = _engine,
            NotFound = notFound,
            Refreshable = refreshable,
            ConfigureOptions = o => new CredentialCheckOptions { Keyring = _keyring, Environment = Environment(), KeyringTimeout = o.KeyringTimeout },
        };
        return (task.Execute(), task);
    }

    [Fact]
    public async Task A_valid_login_passes_with_one_line_naming_source_expiry_and_subscription_and_no_token()
    {
        var token = ClaudeLogin.NewAccessToken();
        await StoreAsync(ClaudeLogin.Json(token));

        var (success, task) = Run();

        success.ShouldBeTrue();
        _engine.Errors.ShouldBeEmpty();
        _engine.Warnings.ShouldBeEmpty();
        var line = _engine.Messages.Where(m => m.Importance <= MessageImportance.Normal).ShouldHaveSingleItem().Message!;
        line.ShouldContain("in-memory keyring");
        line.ShouldContain("subscription max");
        line.ShouldContain(ClaudeLogin.Future.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        task.SubscriptionType.ShouldBe("max");
        task.Source.ShouldContain("in-memory keyring");
        _engine.AllText.ShouldAllBe(t => !t.Contains(token));
    }

    [Theory]
    [InlineData(null, true, 1, 0)]
    [InlineData("Warning", true, 1, 0)]
    [InlineData("Error", false, 0, 1)]
    [InlineData("Ignore", true, 0, 0)]
    public void A_missing_login_follows_the_NotFound_policy(string? policy, bool expectSuccess, int warnings, int errors)
    {
        var (success, _) = Run(notFound: policy);

        success.ShouldBe(expectSuccess);
        _engine.Warnings.Count.ShouldBe(warnings);
        _engine.Errors.Count.ShouldBe(errors);
        _engine.Warnings.Select(w => w.Code).Concat(_engine.Errors.Select(e => e.Code)).ShouldAllBe(c => c == ErrorCodes.CredentialNotFound);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Error", false)]
    [InlineData("Ignore", true)]
    public async Task An_expired_refreshable_login_follows_the_Refreshable_policy(string? policy, bool expectSuccess)
    {
        await StoreAsync(ClaudeLogin.Json(ClaudeLogin.NewAccessToken(), expiresAt: ClaudeLogin.Past));

        var (success, _) = Run(refreshable: policy);

        success.ShouldBe(expectSuccess);
        var coded = _engine.Warnings.Select(w => w.Code).Concat(_engine.Errors.Select(e => e.Code)).ToList();
        if (policy == "Ignore")
        {
            coded.ShouldBeEmpty();
        }
        else
        {
            coded.ShouldBe([ErrorCodes.CredentialExpiredRefreshable]);
        }
    }

    [Fact]
    public async Task Scopes_without_inference_are_a_CLAWKER1008_warning()
    {
        await StoreAsync(ClaudeLogin.Json(ClaudeLogin.NewAccessToken(), scopes: ["user:profile"]));

        var (success, _) = Run();

        success.ShouldBeTrue();
        _engine.Warnings.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.CredentialScopeMissing);
    }

    [Theory]
    [InlineData("   ", ErrorCodes.CredentialEmpty)]
    [InlineData("{not-json}", ErrorCodes.CredentialInvalidSchema)]
    public async Task Bad_entries_are_errors_with_the_library_code(string blob, string code)
    {
        await StoreAsync(blob);

        var (success, _) = Run(notFound: "Ignore", refreshable: "Ignore");

        success.ShouldBeFalse();
        var error = _engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(code);
        error.Subcategory.ShouldBe("Clawker");
    }

    [Fact]
    public async Task An_expired_login_without_refresh_token_is_CLAWKER1004_and_the_message_holds_no_token()
    {
        var token = ClaudeLogin.NewAccessToken();
        await StoreAsync(ClaudeLogin.Json(token, expiresAt: ClaudeLogin.Past, refreshToken: null));

        var (success, _) = Run();

        success.ShouldBeFalse();
        _engine.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.CredentialExpired);
        _engine.AllText.ShouldAllBe(t => !t.Contains(token));
    }

    [Fact]
    public async Task An_override_variable_passes_and_says_why_without_reading_the_store()
    {
        await StoreAsync("{not-json}");
        _variables["ANTHROPIC_API_KEY"] = "sk-ant-api03-not-logged";

        var (success, task) = Run();

        success.ShouldBeTrue();
        _engine.Errors.ShouldBeEmpty();
        _engine.Messages.ShouldContain(m => m.Message!.Contains("ANTHROPIC_API_KEY is set"));
        task.Source.ShouldBe("environment variable ANTHROPIC_API_KEY");
        _engine.AllText.ShouldAllBe(t => !t.Contains("sk-ant-api03-not-logged"));
    }

    [Fact]
    public void A_bad_policy_value_is_CLAWKER5002()
    {
        var (success, _) = Run(notFound: "Loud");

        success.ShouldBeFalse();
        _engine.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.InvalidBuildProperty);
    }

    [Fact]
    public void A_bad_policy_value_names_the_MSBuild_property_and_how_to_set_it()
    {
        var (_, _) = Run(refreshable: "Warn");

        var message = _engine.Errors.ShouldHaveSingleItem().Message!;
        message.ShouldContain("MSBuild property ClawkerCredentialRefreshable is 'Warn'");
        message.ShouldContain("Warning, Error or Ignore");
        message.ShouldContain("-p:ClawkerCredentialRefreshable=");
    }

    [Fact]
    public void A_bad_keyring_timeout_names_the_MSBuild_property()
    {
        var task = new ValidateClawkerCredentials { BuildEngine = _engine, KeyringTimeout = "3s" };

        task.Execute().ShouldBeFalse();
        var error = _engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.InvalidBuildProperty);
        error.Message!.ShouldContain("ClawkerKeyringTimeout is '3s'");
    }

    [Fact]
    public void The_keyring_backend_reaches_the_library_and_none_reads_only_the_file()
    {
        // "none": no keyring at all, so with no credentials file the login is not found (a warning).
        var task = new ValidateClawkerCredentials
        {
            BuildEngine = _engine,
            KeyringBackend = " none ",
            ConfigureOptions = o => new CredentialCheckOptions { Environment = Environment(), KeyringBackend = o.KeyringBackend },
        };

        task.Execute().ShouldBeTrue();
        _engine.Warnings.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.CredentialNotFound);
    }

    [Fact]
    public void A_bad_CLAWKER_KEYRING_value_is_a_coded_error_not_a_task_crash()
    {
        _variables["CLAWKER_KEYRING"] = "bogus";
        var task = new ValidateClawkerCredentials
        {
            BuildEngine = _engine,
            ConfigureOptions = _ => new CredentialCheckOptions { Environment = Environment() },
        };

        task.Execute().ShouldBeFalse();
        var error = _engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.InvalidKeyringSetting);
        error.Message!.ShouldContain("CLAWKER_KEYRING");
    }
}
