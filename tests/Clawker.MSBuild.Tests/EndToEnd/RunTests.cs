using Clawker.Docker;
using Docker.DotNet;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary><c>dotnet run</c> of a consumer: ClawkerPrepare runs first, against the real private dockerd.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class RunTests(PackageFeed feed) : LoggedInConsumerTest("clawker-e2e-run-")
{
    private static string? DockerHost => Environment.GetEnvironmentVariable("DOCKER_HOST");

    private Dictionary<string, string?> Env() => new()
    {
        ["DOCKER_HOST"] = DockerHost,
        ["CLAUDE_CONFIG_DIR"] = Login.ConfigDir,
        ["CLAWKER_KEYRING"] = "none",
    };

    [Fact]
    public async Task Run_prepares_bundle_login_and_globals_volume_before_the_app_starts()
    {
        Integration.Require(DockerHost is { Length: > 0 }, "DOCKER_HOST is not set: eval \"$(build/services/dockerd.sh start)\" first");
        using var engine = await DockerEngine.ConnectAsync(new DockerEndpointOptions { Host = DockerHost }, TestContext.Current.CancellationToken);
        var existedBefore = await VolumeLabelsAsync(engine) is not null;
        await File.WriteAllTextAsync(Login.CredentialsFile, ClaudeLogin.Json(ClaudeLogin.NewAccessToken()),
            TestContext.Current.CancellationToken);
        var app = await feed.SharedConsumerAsync("RunApp");

        var run = (await app.DotNetAsync(Env(), "run")).ShouldSucceed();

        // dotnet run shows only warnings and errors of its pre-run step; the failure cases below
        // show that each step runs before the app, this one that together they let it start.
        run.All.ShouldContain("Hello, World!");
        run.All.ShouldNotContain("CLAWKER");
        File.Exists(Path.Combine(app.ImageDirectory, "context", "entrypoint.sh")).ShouldBeTrue();
        var labels = (await VolumeLabelsAsync(engine)).ShouldNotBeNull("clawker-globals exists after dotnet run");
        labels.ShouldContainKeyAndValue("com.clawker.managed", "true");
        labels.ShouldContainKeyAndValue("com.clawker.purpose", "globals");
    }

    [Theory]
    [InlineData(true, "error CLAWKER1002")]  // a blank login fails the run before the volume step
    [InlineData(false, "error CLAWKER2001")] // a good login, then an engine that is not there
    public async Task Run_stops_before_the_app_when_a_prepare_step_fails(bool blankLogin, string expected)
    {
        var blob = blankLogin ? "  " : ClaudeLogin.Json(ClaudeLogin.NewAccessToken());
        await File.WriteAllTextAsync(Login.CredentialsFile, blob, TestContext.Current.CancellationToken);
        var app = await feed.SharedConsumerAsync("RunApp");
        var env = Env();
        env["DOCKER_HOST"] = "unix:///nonexistent/docker.sock";

        var run = (await app.DotNetAsync(env, "run")).ShouldFail();

        run.All.ShouldContain(expected);
        run.All.ShouldContain(blankLogin ? ".credentials.json" : "/nonexistent/docker.sock");
        run.All.ShouldNotContain(blankLogin ? "CLAWKER2001" : "CLAWKER100");
        run.All.ShouldNotContain("Hello, World!");
        run.All.ShouldNotContain("MSB4018", Case.Sensitive, "a coded error, not MSBuild's 'task failed unexpectedly'");
        run.All.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
    }

    [Fact]
    public async Task Run_against_an_engine_answering_garbage_on_version_is_CLAWKER2005_not_MSB4018()
    {
        await File.WriteAllTextAsync(Login.CredentialsFile, ClaudeLogin.Json(ClaudeLogin.NewAccessToken()),
            TestContext.Current.CancellationToken);
        var socketDir = Directory.CreateTempSubdirectory("clk-");
        try
        {
            await using var fake = new HostileEngine(Path.Combine(socketDir.FullName, "e.sock"), "GET /version", Hostility.InvalidJson);
            var app = await feed.SharedConsumerAsync("RunApp");
            var env = Env();
            env["DOCKER_HOST"] = fake.Host;

            var run = (await app.DotNetAsync(env, "run")).ShouldFail();

            run.All.ShouldContain("error CLAWKER2005");
            run.All.ShouldContain("GET /version");
            run.All.ShouldNotContain("Hello, World!");
            run.All.ShouldNotContain("MSB4018", Case.Sensitive, "a coded error, not MSBuild's 'task failed unexpectedly'");
            run.All.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
            fake.TargetHit.ShouldBeTrue();
        }
        finally
        {
            socketDir.Delete(recursive: true);
        }
    }

    private static async Task<IDictionary<string, string>?> VolumeLabelsAsync(DockerEngine engine)
    {
        try
        {
            var volume = await engine.Client.Volumes.InspectAsync(GlobalsVolume.Name, TestContext.Current.CancellationToken);
            return volume.Labels ?? new Dictionary<string, string>();
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
