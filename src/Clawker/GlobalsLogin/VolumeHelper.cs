using Clawker.Docker;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.GlobalsLogin;

/// <summary>
/// One helper container over a volume: created (never started) from <see cref="VolumeHelperImage"/>
/// with the volume mounted, so the archive endpoint reads and writes the volume without running
/// anything. Disposing removes the container, also after a failure or a cancellation (with its
/// own bound, not the caller's token); the volume is never removed with it.
/// </summary>
internal sealed class VolumeHelper : IAsyncDisposable
{
    /// <summary>Where the helper mounts the volume.</summary>
    public const string MountPoint = "/clawker-volume";

    /// <summary>The command the containers are created with (an engine needs one); there is no such file, and they are never started.</summary>
    public const string NeverRun = "/clawker-volume-helper-is-never-started";

    private const string FilePath = MountPoint + "/" + LoginArchive.FileName;

    private readonly DockerEngine _engine;
    private readonly string _id;
    private readonly string _source;

    private VolumeHelper(DockerEngine engine, string id, string source)
    {
        _engine = engine;
        _id = id;
        _source = source;
    }

    /// <summary>The container's name prefix: <c>clawker-volume-helper-</c> and 12 hex digits.</summary>
    public const string NamePrefix = VolumeHelperImage.Repository + "-";

    /// <summary>Creates the helper container over <paramref name="volume"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="volume">The volume's name.</param>
    /// <param name="writable">Mount it writable (only to seed); read-only otherwise.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public static async Task<VolumeHelper> CreateAsync(DockerEngine engine, string volume, bool writable, CancellationToken cancellationToken)
    {
        var source = $"volume {volume}";
        var image = await VolumeHelperImage.EnsureAsync(engine, source, cancellationToken).ConfigureAwait(false);
        var created = await engine.InvokeAsync((client, ct) => client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = NamePrefix + Guid.NewGuid().ToString("N")[..12],
            Image = image,
            Cmd = [NeverRun],
            Labels = new Dictionary<string, string>(ClawkerLabels.ForVolume(VolumeHelperImage.Purpose)),
            NetworkDisabled = true,
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                Mounts = [new Mount { Type = "volume", Source = volume, Target = MountPoint, ReadOnly = !writable }],
            },
        }, ct), cancellationToken).ConfigureAwait(false);
        return new VolumeHelper(engine, created.ID, source);
    }

    /// <summary>The login's text, or <see langword="null"/> when the volume has none.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="Clawker.Keyring.CredentialException">Of kind InvalidSchema: not one regular file within the cap.</exception>
    public Task<string?> ReadAsync(CancellationToken cancellationToken) =>
        _engine.InvokeAsync<string?>(async (client, ct) =>
        {
            ContainerArchiveResponse answer;
            try
            {
                answer = await client.Containers.GetArchiveFromContainerAsync(_id, new ContainerPathStatParameters { Path = FilePath }, false, ct).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
            {
                return null;
            }

            using var stream = answer.Stream ?? throw EngineErrors.Malformed(_engine.Endpoint, "GET /containers/{id}/archive", "no archive in the answer");
            return await LoginArchive.ReadLoginAsync(stream, _source, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Whether anything is at the login's path (a stat: nothing is read).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken) =>
        _engine.InvokeAsync(async (client, ct) =>
        {
            try
            {
                using var answer = (await client.Containers.GetArchiveFromContainerAsync(_id, new ContainerPathStatParameters { Path = FilePath }, true, ct).ConfigureAwait(false)).Stream;
                return true;
            }
            catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
            {
                return false;
            }
        }, cancellationToken);

    /// <summary>Extracts <paramref name="archive"/> into the volume's root.</summary>
    /// <param name="archive">A tar (see <see cref="LoginArchive.Single"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task WriteAsync(Stream archive, CancellationToken cancellationToken) =>
        _engine.InvokeAsync(async (client, ct) =>
        {
            await client.Containers.ExtractArchiveToContainerAsync(_id, new CopyToContainerParameters { Path = MountPoint }, archive, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Removes the container (bounded by the engine's request timeout, whatever the caller's token did); the volume stays.</summary>
    public async ValueTask DisposeAsync() =>
        await _engine.InvokeAsync(async (client, ct) =>
        {
            try
            {
                await client.Containers.RemoveContainerAsync(_id, new ContainerRemoveParameters { Force = true, RemoveVolumes = false }, ct).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
            {
                // Already gone: what disposing wants.
            }

            return true;
        }, CancellationToken.None).ConfigureAwait(false);
}
