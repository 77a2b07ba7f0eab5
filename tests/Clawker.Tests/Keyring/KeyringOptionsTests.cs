namespace Clawker.Tests.Keyring;

public class KeyringOptionsTests
{
    private static ClawkerEnvironment Env(params (string Name, string Value)[] variables) =>
        ClawkerEnvironment.FromValues(variables.ToDictionary(v => v.Name, v => v.Value), "/home/x", "x");

    [Fact]
    public void Timeout_defaults_to_three_seconds()
    {
        new KeyringOptions { Environment = Env() }.ResolveTimeout().ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Timeout_comes_from_the_variable_and_the_option_wins_over_it()
    {
        new KeyringOptions { Environment = Env(("CLAWKER_KEYRING_TIMEOUT_MS", "750")) }.ResolveTimeout().ShouldBe(TimeSpan.FromMilliseconds(750));
        new KeyringOptions { Timeout = TimeSpan.FromSeconds(9), Environment = Env(("CLAWKER_KEYRING_TIMEOUT_MS", "750")) }
            .ResolveTimeout().ShouldBe(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public void A_timeout_option_a_timer_cannot_take_is_refused_and_infinite_is_kept()
    {
        foreach (var refused in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(-2), TimeSpan.FromMilliseconds(int.MaxValue + 1L), TimeSpan.MaxValue })
        {
            Should.Throw<CredentialException>(() => new KeyringOptions { Timeout = refused, Environment = Env() }.ResolveTimeout())
                .OfKind(CredentialErrorKind.InvalidSetting).Code.ShouldBe("CLAWKER1009");
        }

        new KeyringOptions { Timeout = Timeout.InfiniteTimeSpan, Environment = Env() }.ResolveTimeout().ShouldBe(Timeout.InfiniteTimeSpan);
        new KeyringOptions { Timeout = TimeSpan.FromMilliseconds(int.MaxValue), Environment = Env() }.ResolveTimeout().ShouldBe(TimeSpan.FromMilliseconds(int.MaxValue));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("3s")]
    public void Invalid_timeout_variable_is_refused_with_its_name(string value)
    {
        var ex = Should.Throw<CredentialException>(() => new KeyringOptions { Environment = Env(("CLAWKER_KEYRING_TIMEOUT_MS", value)) }.ResolveTimeout()).OfKind(CredentialErrorKind.InvalidSetting);
        ex.Code.ShouldBe("CLAWKER1009");
        ex.Setting.ShouldBe("CLAWKER_KEYRING_TIMEOUT_MS");
        ex.Message.ShouldContain("CLAWKER_KEYRING_TIMEOUT_MS");
    }

    [Theory]
    [InlineData("secret-service", KeyringBackendKind.SecretService)]
    [InlineData("keychain", KeyringBackendKind.Keychain)]
    [InlineData("wincred", KeyringBackendKind.WindowsCredentialManager)]
    [InlineData("none", KeyringBackendKind.None)]
    [InlineData(" NONE ", KeyringBackendKind.None)]
    public void Backend_variable_overrides_the_OS_choice(string value, KeyringBackendKind kind)
    {
        new KeyringOptions { Environment = Env(("CLAWKER_KEYRING", value)) }.ResolveBackend().ShouldBe(kind);
        Keyrings.Create(new KeyringOptions { Environment = Env(("CLAWKER_KEYRING", value)) }).Kind.ShouldBe(kind);
    }

    [Fact]
    public void Backend_option_wins_over_the_variable_and_the_OS_default_is_the_OS_store()
    {
        new KeyringOptions { Backend = "none", Environment = Env(("CLAWKER_KEYRING", "keychain")) }.ResolveBackend().ShouldBe(KeyringBackendKind.None);
        var expected = OperatingSystem.IsLinux() ? KeyringBackendKind.SecretService
            : OperatingSystem.IsMacOS() ? KeyringBackendKind.Keychain
            : OperatingSystem.IsWindows() ? KeyringBackendKind.WindowsCredentialManager : KeyringBackendKind.None;
        new KeyringOptions { Environment = Env() }.ResolveBackend().ShouldBe(expected);
    }

    [Fact]
    public void Unknown_backend_is_refused_listing_the_choices()
    {
        var ex = Should.Throw<CredentialException>(() => new KeyringOptions { Backend = "gpg" }.ResolveBackend()).OfKind(CredentialErrorKind.InvalidSetting);
        ex.Code.ShouldBe("CLAWKER1009");
        ex.Message.ShouldContain("secret-service, keychain, wincred or none");
    }
}
