using System.Formats.Tar;
using Docker.DotNet.Models;

namespace Clawker.Tests.Docker;

/// <summary>
/// A tiny base image made offline (no registry here): a root filesystem of the host's static
/// busybox and its applet links, imported with the Engine API's equivalent of <c>docker import</c>.
/// </summary>
internal static class BusyboxImage
{
    public const string HostBusybox = "/bin/busybox";

    private static readonly string[] Applets = ["sh", "touch", "test", "rm", "ls", "cat", "id", "mkdir"];

    public static bool Available => File.Exists(HostBusybox);

    /// <summary>Imports the image under a fresh tag and returns its ID.</summary>
    public static async Task<string> ImportAsync(DockerEngine engine, CancellationToken ct)
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        using var rootfs = new MemoryStream();
        using (var tar = new TarWriter(rootfs, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "bin/") { Mode = (UnixFileMode)0b111_101_101 });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "tmp/") { Mode = (UnixFileMode)0b111_111_111 });
            await using (var busybox = File.OpenRead(HostBusybox))
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = (UnixFileMode)0b111_101_101, DataStream = busybox });
            }

            foreach (var applet in Applets)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox" });
            }
        }

        rootfs.Position = 0;
        var messages = new List<JSONMessage>();
        await engine.Client.Images.CreateImageAsync(
            new ImagesCreateParameters { FromSrc = "-", Repo = "clawker-test-busybox", Tag = tag },
            rootfs, new AuthConfig(), new SynchronousProgress(messages), ct);
        // Both engines answer the import with {"status":"sha256:ID"}; podman 4.3 ignores the tag, so use the ID.
        return messages.Select(m => m.Status).LastOrDefault(s => s?.StartsWith("sha256:", StringComparison.Ordinal) == true)
            ?? throw new InvalidOperationException("The engine did not report the imported image's ID.");
    }

    private sealed class SynchronousProgress(List<JSONMessage> messages) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            lock (messages)
            {
                messages.Add(value);
            }
        }
    }

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c> in a fresh container with no network and returns its exit code.</summary>
    public static async Task<long> RunAsync(DockerEngine engine, string image, string script, IList<Mount> mounts, CancellationToken ct)
    {
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Cmd = ["/bin/sh", "-c", script],
            Env = ["PATH=/bin"],
            // Podman raises the open-files and process limits beyond what this sandbox allows unless told a value.
            HostConfig = new HostConfig { Mounts = mounts, NetworkMode = "none", Ulimits = [new Ulimit { Name = "nofile", Soft = 1024, Hard = 1024 }, new Ulimit { Name = "nproc", Soft = 1024, Hard = 1024 }] },
        }, ct);
        try
        {
            await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            var exit = await engine.Client.Containers.WaitContainerAsync(created.ID, ct);
            return exit.StatusCode;
        }
        finally
        {
            await engine.Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }
}
