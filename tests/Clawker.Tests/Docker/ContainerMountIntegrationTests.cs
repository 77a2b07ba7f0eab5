using Docker.DotNet.Models;

namespace Clawker.Tests.Docker;

/// <summary>A real container on the private dockerd mounts the globals volume through the mount helper.</summary>
public class ContainerMountIntegrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_container_mounts_clawker_globals_writable_and_the_data_persists()
    {
        Integration.Require(BusyboxImage.Available, $"{BusyboxImage.HostBusybox} is missing (apt-get install busybox-static)");
        using var engine = await TestEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        await GlobalsVolume.EnsureAsync(engine, Ct);
        var image = await BusyboxImage.ImportAsync(engine, Ct);
        var probe = $"{GlobalsVolume.MountPoint}/probe-{Guid.NewGuid():N}";
        try
        {
            // Without the mount the folder does not exist in this image, so this can only pass through the volume.
            var wrote = await BusyboxImage.RunAsync(engine, image,
                $"test -d {GlobalsVolume.MountPoint} && test -w {GlobalsVolume.MountPoint} && touch {probe}",
                [GlobalsVolume.Mount()], Ct);
            wrote.ShouldBe(0L);

            var withoutMount = await BusyboxImage.RunAsync(engine, image, $"test -d {GlobalsVolume.MountPoint}", [], Ct);
            withoutMount.ShouldNotBe(0L);

            var readBack = await BusyboxImage.RunAsync(engine, image, $"test -f {probe} && rm {probe}", [GlobalsVolume.Mount()], Ct);
            readBack.ShouldBe(0L);
        }
        finally
        {
            await engine.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
    }
}
