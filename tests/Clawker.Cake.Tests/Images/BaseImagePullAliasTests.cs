using Clawker.Cake.Images;

namespace Clawker.Cake.Tests.Images;

/// <summary>
/// The build alias on a base image that exists only in the private registry under a login: the
/// credentials come from the DOCKER_CONFIG of Cake's environment (not the test process's), and the
/// password stays out of Cake's log.
/// </summary>
public sealed class BaseImagePullAliasTests
{
    [Fact]
    public async Task The_alias_pulls_a_base_behind_a_login_with_the_credentials_of_Cakes_environment()
    {
        var ct = TestContext.Current.CancellationToken;
        var (baseImage, _) = await RegistryBaseImage.RequireNewAsync(ct);
        using var config = TestRegistry.DockerConfig(TestRegistry.AuthsJson(TestRegistry.User, TestRegistry.Password));
        using var cake = new CakeSandbox(variables: new Dictionary<string, string>
        {
            ["DOCKER_CONFIG"] = config.Path,
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        });
        var bundle = cake.Context.ClawkerBundleImage(new ClawkerBundleSettings { ImageProject = TestEngine.UniqueName("cake-pull"), ImageMinimal = true, BaseImage = baseImage });

        var result = cake.Context.ClawkerBuildImage(new ClawkerImageBuildSettings { Bundle = bundle, DockerHost = TestEngine.Host });

        using var client = TestEngine.Client();
        (await client.Images.InspectImageAsync(result.ImageId, ct)).Config!.Labels![RegistryBaseImage.VersionLabel].ShouldBe("v1");
        var log = string.Join("\n", cake.Context.FakeLog.Entries.Select(e => e.Message));
        log.ShouldContain($"with credentials from auths.{TestRegistry.Address} in {config.Path}");
        log.ShouldNotContain(TestRegistry.Password);
    }
}
