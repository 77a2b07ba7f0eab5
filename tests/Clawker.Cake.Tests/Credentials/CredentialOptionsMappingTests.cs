using Clawker.Keyring;

namespace Clawker.Cake.Tests.Credentials;

public sealed class CredentialOptionsMappingTests
{
    [Fact]
    public void Unset_settings_leave_timeout_and_backend_to_the_library()
    {
        var options = new ClawkerCredentialSettings().ToCheckOptions(new FakeCakeEnvironment("/work"));

        options.KeyringTimeout.ShouldBeNull();
        options.KeyringBackend.ShouldBeNull();
        options.Keyring.ShouldBeNull();
    }

    [Fact]
    public void GlobalsLoginRecord_is_none_by_default_and_relative_to_the_working_folder_when_set()
    {
        var environment = new FakeCakeEnvironment("/work");

        new ClawkerCredentialSettings().ToGlobalsLoginOptions(environment, host: null).RecordFile.ShouldBeNull();
        new ClawkerCredentialSettings { GlobalsLoginRecord = "artifacts/clawker-globals-login.json" }.ToGlobalsLoginOptions(environment, host: null)
            .RecordFile.ShouldBe("/work/artifacts/clawker-globals-login.json");
    }

    [Fact]
    public void Policies_default_to_Warning_as_the_MSBuild_properties_do()
    {
        var settings = new ClawkerCredentialSettings();

        settings.CredentialNotFound.ShouldBe(ClawkerPolicy.Warning);
        settings.CredentialRefreshable.ShouldBe(ClawkerPolicy.Warning);
    }

    [Fact]
    public void Timeout_and_backend_reach_the_library_options()
    {
        var options = new ClawkerCredentialSettings { KeyringTimeout = TimeSpan.FromMilliseconds(1500), KeyringBackend = " none " }
            .ToCheckOptions(new FakeCakeEnvironment("/work"));

        options.KeyringTimeout.ShouldBe(TimeSpan.FromMilliseconds(1500));
        options.KeyringBackend.ShouldBe("none");
    }

    [Fact]
    public void RunApiKeyHelper_is_off_by_default_and_the_project_folder_is_the_working_folder()
    {
        new ClawkerCredentialSettings().ToCheckOptions(new FakeCakeEnvironment("/work")).RunApiKeyHelper.ShouldBeFalse();

        var options = new ClawkerCredentialSettings { RunApiKeyHelper = true }.ToCheckOptions(new FakeCakeEnvironment("/work/app"));

        options.RunApiKeyHelper.ShouldBeTrue();
        options.ProjectDirectory.ShouldBe("/work/app");
    }

    [Fact]
    public void Variables_home_and_user_come_from_the_cake_environment()
    {
        var environment = new FakeCakeEnvironment(
            "/work",
            new Dictionary<string, string> { ["CLAUDE_CONFIG_DIR"] = "/cfg/claude", ["USER"] = "builder", ["CLAWKER_KEYRING_TIMEOUT_MS"] = "750" },
            home: "/home/builder");

        var options = new ClawkerCredentialSettings().ToCheckOptions(environment);

        ClaudeCodeCredentials.CredentialsFile(options.Environment).ShouldBe("/cfg/claude/.credentials.json");
        options.Environment.HomeDirectory.ShouldBe("/home/builder");
        options.Environment.UserName.ShouldBe("builder");
        new KeyringOptions { Environment = options.Environment }.ResolveTimeout().ShouldBe(TimeSpan.FromMilliseconds(750));
    }

    [Fact]
    public void Without_CLAUDE_CONFIG_DIR_the_file_is_under_the_cake_home_folder()
    {
        var options = new ClawkerCredentialSettings().ToCheckOptions(new FakeCakeEnvironment("/work", home: "/home/builder"));

        ClaudeCodeCredentials.CredentialsFile(options.Environment).ShouldBe("/home/builder/.claude/.credentials.json");
    }
}
