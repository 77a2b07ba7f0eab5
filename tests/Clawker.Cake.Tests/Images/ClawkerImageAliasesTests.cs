namespace Clawker.Cake.Tests.Images;

/// <summary>The image alias's failures that need no engine: a missing bundle, and a socket path that does not exist.</summary>
public sealed class ClawkerImageAliasesTests
{
    [Fact]
    public void Without_a_bundle_it_fails_with_CLAWKER3002_first_naming_the_setting()
    {
        using var cake = new CakeSandbox();

        var failure = Should.Throw<CakeException>(() => cake.Context.ClawkerBuildImage(new ClawkerImageBuildSettings()));

        failure.Message.ShouldStartWith("CLAWKER3002: ");
        failure.Message.ShouldContain("ClawkerImageBuildSettings.Bundle");
    }

    [Fact]
    public void An_unreachable_engine_fails_with_CLAWKER2001_first_naming_the_endpoint()
    {
        using var cake = new CakeSandbox();
        var bundle = cake.Context.ClawkerBundleImage(new ClawkerBundleSettings { ImageProject = "shop", ImageMinimal = true });

        var failure = Should.Throw<CakeException>(() => cake.Context.ClawkerBuildImage(new ClawkerImageBuildSettings
        {
            Bundle = bundle,
            DockerHost = cake.MissingSocketHost,
        }));

        failure.Message.ShouldStartWith("CLAWKER2001: ");
        failure.Message.ShouldContain(cake.MissingSocket);
    }
}
