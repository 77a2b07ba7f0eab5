using System.Formats.Tar;
using System.Text;
using Clawker.Docker;
using Clawker.GlobalsLogin;
using Clawker.Tests.Infrastructure;
using Docker.DotNet.Models;

namespace Clawker.Tests.Docker;

/// <summary>
/// A clawker-labelled volume of the test's own, and what the tests plant in it and check on it,
/// through the engine directly (a busybox container made locally), never through the code under test.
/// </summary>
internal sealed class GlobalsLoginVolume : IAsyncDisposable
{
    private readonly DockerEngine _engine;
    private readonly TestVolume _volume;
    private string? _busybox;

    private GlobalsLoginVolume(DockerEngine engine, TestVolume volume)
    {
        _engine = engine;
        _volume = volume;
    }

    public string Name => _volume.Name;

    public static async Task<GlobalsLoginVolume> CreateAsync(DockerEngine engine, CancellationToken ct)
    {
        var volume = TestVolume.Reserve(engine);
        await ClawkerVolumes.EnsureAsync(engine, volume.Purpose, ct);
        return new GlobalsLoginVolume(engine, volume);
    }

    public GlobalsLoginOptions Options(bool seed = false, string? hostLogin = null, string uid = "1001", string gid = "1001") => new()
    {
        Endpoint = TestEngine.Options,
        VolumeName = Name,
        Seed = seed,
        HostLogin = hostLogin is null ? null : new Clawker.Keyring.SecretBlob(hostLogin),
        Uid = uid,
        Gid = gid,
    };

    /// <summary>Writes <paramref name="text"/> as the volume's login (mode 0600).</summary>
    public Task PlantAsync(string text, CancellationToken ct) => PlantAsync(tar =>
    {
        using var data = new MemoryStream(Encoding.UTF8.GetBytes(text));
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, ".credentials.json") { Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite, DataStream = data });
    }, ct);

    /// <summary>Plants whatever <paramref name="write"/> writes at the volume's root.</summary>
    public async Task PlantAsync(Action<TarWriter> write, CancellationToken ct)
    {
        using var archive = new MemoryStream();
        using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(tar);
        }

        archive.Position = 0;
        var id = await CreateBusyboxAsync("/bin/true", ct);
        try
        {
            await _engine.Client.Containers.ExtractArchiveToContainerAsync(id, new CopyToContainerParameters { Path = "/v" }, archive, ct);
        }
        finally
        {
            await _engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    /// <summary>Runs <paramref name="script"/> in a busybox container with the volume at <c>/v</c>; its exit code.</summary>
    public async Task<long> RunAsync(string script, CancellationToken ct) =>
        await BusyboxImage.RunAsync(_engine, await BusyboxAsync(ct), script, [Mount()], ct);

    /// <summary>The helper containers still on the engine that mount this volume.</summary>
    public async Task<IReadOnlyList<string>> HelpersLeftAsync()
    {
        var all = await _engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["com.clawker.purpose=volume-helper"] = true } },
        }, CancellationToken.None);
        return [.. all.Where(c => c.Mounts?.Any(m => m.Name == Name) == true).Select(c => string.Join(",", c.Names))];
    }

    /// <summary>Someone else's container named <paramref name="name"/>, running, over the same volume; its ID.</summary>
    public async Task<string> StartForeignAsync(string name, CancellationToken ct)
    {
        var created = await _engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = await BusyboxAsync(ct),
            Cmd = ["/bin/sh", "-c", "sleep 300"],
            Env = ["PATH=/bin"],
            // As BusyboxImage.RunAsync: podman asks for limits beyond this sandbox's unless told.
            HostConfig = new HostConfig { Mounts = [Mount()], NetworkMode = "none", Ulimits = [new Ulimit { Name = "nofile", Soft = 1024, Hard = 1024 }, new Ulimit { Name = "nproc", Soft = 1024, Hard = 1024 }] },
        }, ct);
        await _engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
        return created.ID;
    }

    /// <summary>Removes what <see cref="StartForeignAsync"/> made, if it is still there.</summary>
    public async Task RemoveForeignAsync(string id)
    {
        try
        {
            await _engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (global::Docker.DotNet.DockerContainerNotFoundException)
        {
            // Removed by the code under test (the failure a case looks for).
        }
    }

    private Mount Mount() => new() { Type = "volume", Source = Name, Target = "/v" };

    private async Task<string> BusyboxAsync(CancellationToken ct) => _busybox ??= await BusyboxImage.ImportAsync(_engine, ct);

    private async Task<string> CreateBusyboxAsync(string command, CancellationToken ct)
    {
        var created = await _engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = await BusyboxAsync(ct),
            Cmd = [command],
            HostConfig = new HostConfig { Mounts = [Mount()], NetworkMode = "none" },
        }, ct);
        return created.ID;
    }

    public async ValueTask DisposeAsync()
    {
        await _volume.DisposeAsync();
        if (_busybox is not null)
        {
            await _engine.Client.Images.DeleteImageAsync(_busybox, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
    }
}
