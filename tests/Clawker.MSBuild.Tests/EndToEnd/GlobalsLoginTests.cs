using System.Formats.Tar;
using System.Text;
using Clawker.Tests.Infrastructure;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet build -t:ClawkerValidateCredentials</c> of a consumer of the packed package against
/// the real <c>clawker-globals</c> of the private podman (no other test touches that volume while
/// this collection runs: the Docker tests use podman only in their own later pass), with a crafted
/// host login: seeding, then the volume's login read back, then an expired one on the volume.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class GlobalsLoginTests(PackageFeed feed) : IDisposable
{
    private const string Volume = "clawker-globals";
    private readonly CraftedLogin _login = new("clawker-e2e-globals-");

    public void Dispose() => _login.Dispose();

    private static string? PodmanHost => Environment.GetEnvironmentVariable("CLAWKER_TEST_PODMAN_HOST") is { Length: > 0 } host ? host : null;

    [Fact]
    public async Task Seeding_then_reading_then_an_expired_login_on_the_volume_fail_before_any_agent_starts_and_no_token_is_logged()
    {
        Integration.Require(PodmanHost is not null, "CLAWKER_TEST_PODMAN_HOST is not set: start podman with eval \"$(build/services/podman.sh start)\"");
        using var podman = new DockerClientBuilder().WithEndpoint(new Uri(PodmanHost!)).Build();
        var ct = TestContext.Current.CancellationToken;
        var existed = (await podman.Volumes.ListAsync(ct)).Volumes?.Any(v => v.Name == Volume) == true;
        Integration.Require(!existed, $"{Volume} already exists on the private podman; this test needs it fresh (restart podman.sh)");
        await podman.Volumes.CreateAsync(new VolumesCreateParameters { Name = Volume, Labels = new Dictionary<string, string> { ["com.clawker.managed"] = "true", ["com.clawker.purpose"] = "globals" } }, ct);
        var env = _login.Environment();
        env["DOCKER_HOST"] = PodmanHost;
        var app = await feed.SharedConsumerAsync("GlobalsApp");
        try
        {
            // 1. An empty volume, seeding on: the host's (refreshable) login is copied, with the warning.
            var hostToken = ClaudeLogin.NewAccessToken();
            _login.Write(ClaudeLogin.Json(hostToken, ClaudeLogin.Past));
            var binlog = Path.Combine(_login.ConfigDir, "seed.binlog");
            var seeded = await app.BuildAsync(env, "-t:ClawkerValidateCredentials", "-v:n", "-p:ClawkerSeedGlobalsLogin=true", "-p:ClawkerAgentUid=1234", $"-bl:{binlog}");
            seeded.ShouldSucceed();
            seeded.All.ShouldContain("warning CLAWKER1021");
            seeded.All.ShouldContain("share one refresh token");
            seeded.All.ShouldContain($"volume {Volume}");
            var replayLog = Path.Combine(_login.ConfigDir, "seed.replay.log");
            (await app.DotNetAsync(null, "msbuild", binlog, "-noconlog", "-fl", $"-flp:logfile={replayLog};verbosity=diagnostic")).ShouldSucceed();
            var replay = await File.ReadAllTextAsync(replayLog, ct);
            replay.ShouldContain("CLAWKER1021");
            foreach (var text in new[] { seeded.All, replay })
            {
                text.ShouldNotContain(hostToken);
                text.ShouldNotContain(ClaudeLogin.RefreshToken);
            }

            // 2. Another host login, no seeding: the volume's (the seeded one) is what is checked.
            _login.Write(ClaudeLogin.Json(ClaudeLogin.NewAccessToken()));
            var read = (await app.BuildAsync(env, "-t:ClawkerValidateCredentials", "-v:n")).ShouldSucceed();
            read.All.ShouldContain($"warning CLAWKER1005: The Claude Code access token in volume {Volume} has expired");

            // 3. An expired login without refresh token on the volume: the build fails, naming the volume.
            var agentToken = ClaudeLogin.NewAccessToken();
            await PlantAsync(podman, ClaudeLogin.Json(agentToken, ClaudeLogin.Past, refreshToken: null), ct);
            var expired = await app.BuildAsync(env, "-t:ClawkerValidateCredentials", "-v:n");
            expired.ExitCode.ShouldNotBe(0, expired.All);
            expired.All.ShouldContain($"error CLAWKER1004: The Claude Code access token in volume {Volume} expired");
            expired.All.ShouldNotContain(agentToken);

            // 4. A valid login on the volume: the first check records its pass (no token), the next uses the record.
            var validToken = ClaudeLogin.NewAccessToken();
            await PlantAsync(podman, ClaudeLogin.Json(validToken), ct);
            var record = Path.Combine(app.Directory, "obj", "Debug", "net10.0", "clawker-globals-login.json");
            if (File.Exists(record))
            {
                File.Delete(record);
            }

            (await app.BuildAsync(env, "-t:ClawkerValidateCredentials", "-v:n", "-p:ClawkerGlobalsLoginRecord=true")).ShouldSucceed().All.ShouldNotContain("(recorded in");
            var recordText = await File.ReadAllTextAsync(record, ct);
            recordText.ShouldNotContain(validToken);
            recordText.ShouldNotContain(ClaudeLogin.RefreshToken);
            (await app.BuildAsync(env, "-t:ClawkerValidateCredentials", "-v:n", "-p:ClawkerGlobalsLoginRecord=true")).ShouldSucceed().All.ShouldContain($"(recorded in {record})");
            (await app.BuildAsync(env, "-t:ClawkerValidateCredentials", "-v:n", "-p:ClawkerGlobalsLoginRecord=false")).ShouldSucceed().All.ShouldNotContain("(recorded in");
            File.Exists(Path.Combine(app.Directory, "false")).ShouldBeFalse("false turns the record off; it is not a path");

            var helpers = await podman.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct);
            helpers.Where(c => c.Labels is { } labels && labels.TryGetValue("com.clawker.purpose", out var purpose) && purpose == "volume-helper").ShouldBeEmpty();
        }
        finally
        {
            await podman.Volumes.RemoveAsync(Volume, force: true, CancellationToken.None);
        }
    }

    // Through a created (never started) container of Clawker's own helper image, made by step 1.
    private static async Task PlantAsync(DockerClient podman, string json, CancellationToken ct)
    {
        using var archive = new MemoryStream();
        using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var data = new MemoryStream(Encoding.UTF8.GetBytes(json));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, ".credentials.json") { Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite, DataStream = data });
        }

        archive.Position = 0;
        var created = await podman.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "clawker-volume-helper:1",
            Cmd = ["/none"],
            HostConfig = new HostConfig { Mounts = [new Mount { Type = "volume", Source = Volume, Target = "/v" }] },
        }, ct);
        try
        {
            await podman.Containers.ExtractArchiveToContainerAsync(created.ID, new CopyToContainerParameters { Path = "/v" }, archive, ct);
        }
        finally
        {
            await podman.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }
}
