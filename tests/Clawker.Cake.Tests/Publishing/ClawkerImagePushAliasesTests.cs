using Clawker.Cake.Publishing;

namespace Clawker.Cake.Tests.Publishing;

/// <summary>The push alias's failures, each coded and naming the setting as Cake spells it.</summary>
public sealed class ClawkerImagePushAliasesTests
{
    [Fact]
    public void Without_a_bundle_it_fails_with_CLAWKER3002_naming_the_setting()
    {
        using var cake = new CakeSandbox();

        var failure = Should.Throw<CakeException>(() => cake.Context.ClawkerPushImage(new ClawkerImagePushSettings { Registry = "127.0.0.1:5000" }));

        failure.Message.ShouldStartWith("CLAWKER3002: ");
        failure.Message.ShouldContain("ClawkerImagePushSettings.Bundle");
    }

    [Fact]
    public void A_malformed_registry_is_CLAWKER5002_and_a_missing_one_CLAWKER6008_on_the_real_engine()
    {
        TestEngine.Require();
        using var cake = new CakeSandbox();
        var bundle = cake.Context.ClawkerBundleImage(new ClawkerBundleSettings { ImageProject = "shop", ImageMinimal = true });

        var malformed = Should.Throw<CakeException>(() => cake.Context.ClawkerPushImage(new ClawkerImagePushSettings { Bundle = bundle, Registry = "https://registry.example.com", DockerHost = TestEngine.Host }));
        malformed.Message.ShouldStartWith("CLAWKER5002: ");
        malformed.Message.ShouldContain("ClawkerImagePushSettings.Registry");

        var missing = Should.Throw<CakeException>(() => cake.Context.ClawkerPushImage(new ClawkerImagePushSettings { Bundle = bundle, DockerHost = TestEngine.Host }));
        missing.Message.ShouldStartWith("CLAWKER6008: ");

        var password = Should.Throw<CakeException>(() => cake.Context.ClawkerPushImage(new ClawkerImagePushSettings
        {
            Bundle = bundle,
            Registry = "127.0.0.1:5000",
            RegistryUsername = "ci",
            RegistryPasswordVariable = "hunter2 is the password",
            DockerHost = TestEngine.Host,
        }));
        password.Message.ShouldStartWith("CLAWKER5002: ");
        password.Message.ShouldContain("ClawkerImagePushSettings.RegistryPasswordVariable");
        password.Message.ShouldNotContain("hunter2");
    }
}
