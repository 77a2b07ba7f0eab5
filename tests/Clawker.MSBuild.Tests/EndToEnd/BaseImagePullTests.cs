namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet build -t:ClawkerBuildImage</c> of a consumer of the packed package with a base image
/// that exists only in the private registry under a login: pulled with the credentials of the
/// build's DOCKER_CONFIG, and neither the password nor a wrong one in the console at diagnostic
/// verbosity or in the binlog.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class BaseImagePullTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _work = new("clawker-e2e-base-pull-");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task ClawkerBuildImage_pulls_a_base_behind_a_login_and_never_logs_the_password()
    {
        var ct = TestContext.Current.CancellationToken;
        var (baseImage, _) = await RegistryBaseImage.RequireNewAsync(ct);
        var app = await feed.CreateConsumerAsync("BasePullApp" + Guid.NewGuid().ToString("N")[..6]);
        var config = _work.Combine("docker");
        Directory.CreateDirectory(config);
        var env = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = config };
        string[] properties = ["-t:ClawkerBuildImage", "-p:ClawkerImageMinimal=true", $"-p:ClawkerBaseImage={baseImage}", "-v:diag"];

        var wrong = "wrong-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(Path.Combine(config, "config.json"), TestRegistry.AuthsJson(TestRegistry.User, wrong), ct);
        var refused = await app.BuildWithBinlogAsync(env, _work.Path, "refused", properties);
        refused.Console.ShouldContain("error CLAWKER6001");
        refused.Console.ShouldContain($"auths.{TestRegistry.Address}");

        await File.WriteAllTextAsync(Path.Combine(config, "config.json"), TestRegistry.AuthsJson(TestRegistry.User, TestRegistry.Password), ct);
        var built = await app.BuildWithBinlogAsync(env, _work.Path, "built", properties);
        built.Console.ShouldContain($"Base image {baseImage}: pulling from {TestRegistry.Address} with credentials from auths.{TestRegistry.Address} in {Path.Combine(config, "config.json")}");
        built.Console.ShouldContain("Build succeeded");
        built.Replay.ShouldContain($"Base image {baseImage}: pulled");

        foreach (var text in new[] { refused.Console, refused.Replay, built.Console, built.Replay })
        {
            text.ShouldNotContain(TestRegistry.Password);
            text.ShouldNotContain(wrong);
            text.ShouldNotContain(TestRegistry.Auth(TestRegistry.User, TestRegistry.Password));
            text.ShouldNotContain(TestRegistry.Auth(TestRegistry.User, wrong));
        }
    }
}
