using System.Formats.Tar;
using System.Text;
using Clawker.Docker;
using Clawker.Images;

namespace Clawker.Tests.Docker.Tls;

/// <summary>An image build streamed over verified TLS to the private dockerd with --tlsverify.</summary>
public sealed class TlsImageBuildTests
{
    [Fact]
    public async Task An_image_builds_over_TLS_and_an_unchanged_rebuild_is_skipped()
    {
        var (host, certs) = TlsEngine.Require();
        Integration.Require(BusyboxImage.Available, $"{BusyboxImage.HostBusybox} (busybox-static) makes the offline base image.");
        var ct = TestContext.Current.CancellationToken;
        using var home = new TempDirectory("clawker-tls-build-");
        using var engine = await DockerEngine.ConnectAsync(TlsEngine.Options(new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = host, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = certs,
        }, home.Path), ct);
        var baseImage = await BusyboxImage.ImportAsync(engine, ct);

        var tar = Path.Combine(home.Path, "context.tar");
        await using (var file = File.Create(tar))
        await using (var writer = new TarWriter(file, TarEntryFormat.Ustar))
        {
            var dockerfile = Encoding.UTF8.GetBytes($"FROM {baseImage}\nRUN touch /built-over-tls\n");
            await writer.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(dockerfile) }, ct);
        }

        var project = TestEngine.UniqueName("tls");
        var hash = new string('a', 52) + Guid.NewGuid().ToString("N")[..12];
        var tag = $"clawker-{project}:sha-{hash[..12]}";
        var progress = new LineCollector();

        // Pinned to classic, as FrozenEngineTests; the BuildKit path over TLS is covered by the volume and bundle tests.
        var classic = new ImageBuildOptions { Builder = ImageBuilderKind.Classic };
        var built = await AgentImageBuilder.BuildAsync(engine, tar, tag, hash, classic, progress, ct);
        built.Skipped.ShouldBeFalse();
        // Ustar, as the bundle's own tar: dockerd 20.10's BuildKit cannot read PAX headers. Either
        // builder names the step (BuildKit "[2/2] RUN ...", classic "Step 2/2 : RUN ...").
        progress.Lines.ShouldContain(l => l.Contains("RUN touch /built-over-tls", StringComparison.Ordinal));
        (await AgentImageBuilder.BuildAsync(engine, tar, tag, hash, cancellationToken: ct)).Skipped.ShouldBeTrue();
        (await engine.Client.Images.InspectImageAsync(tag, ct)).ID.ShouldBe(built.ImageId);
    }
}
