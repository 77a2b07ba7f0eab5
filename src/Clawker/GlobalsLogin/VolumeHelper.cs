using System.Net;
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
        // Named before the request: an engine may make the container although the answer never
        // arrives (a timeout, a cancellation), and then the name is all there is to remove it by.
        var name = NamePrefix + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var created = await engine.InvokeAsync((client, ct) => client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = name,
                Image = image,
                Cmd = [NeverRun],
                Labels = new Dictionary<string, string>(ClawkerLabels.ForVolume(VolumeHelperImage.Purpose)),
                NetworkDisabled = true,
                HostConfig = new HostConfig
                {
                    NetworkMode = "none",
                    // NoCopy: the image's folder is never copied into an empty volume. That copy would
                    // change the volume's folder, whose change time dockerd reports as its CreatedAt:
                    // the identity the record of a passed check keys on (GlobalsLoginRecord).
                    Mounts = [new Mount { Type = "volume", Source = volume, Target = MountPoint, ReadOnly = !writable, VolumeOptions = new VolumeOptions { NoCopy = true } }],
                },
            }, ct), cancellationToken).ConfigureAwait(false);
            return created?.ID is { Length: > 0 } id
                ? new VolumeHelper(engine, id, source)
                : throw EngineErrors.Malformed(engine.Endpoint, "POST /containers/create", "no container ID in the answer");
        }
        catch (Exception failure) when (failure is not DockerEngineException { StatusCode: HttpStatusCode.Conflict })
        {
            // A conflict is the one answer that says the name belongs to a container that is not
            // ours; after any other failure, a container of this name is removed only if it is the one asked for.
            await RemoveQuietlyAsync(engine, name, image, volume).ConfigureAwait(false);
            throw;
        }
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

    /// <summary>
    /// Writes <paramref name="archive"/> into the volume's root unless something is at the login's
    /// path: a stat, then at once the write, in one bounded call on this container. The archive
    /// endpoint has no create-if-absent, so this narrows the race and does not close it: a login
    /// made between the engine's answer to the stat and its extraction of the write (one round
    /// trip) is replaced. A folder made there meanwhile is refused by the engine, never replaced.
    /// </summary>
    /// <param name="archive">A tar (see <see cref="LoginArchive.Single"/>), built before the call so nothing runs between the two requests.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was written (<see langword="false"/>: something was there).</returns>
    public Task<bool> WriteIfAbsentAsync(Stream archive, CancellationToken cancellationToken) =>
        _engine.InvokeAsync(async (client, ct) =>
        {
            try
            {
                using var found = (await client.Containers.GetArchiveFromContainerAsync(_id, new ContainerPathStatParameters { Path = FilePath }, true, ct).ConfigureAwait(false)).Stream;
                return false;
            }
            catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
            {
                // Nothing there: write now.
            }

            // Docker.DotNet's "AllowOverwriteDirWithFile" sends noOverwriteDirNonDir: true forbids replacing a folder by a file.
            await client.Containers.ExtractArchiveToContainerAsync(_id, new CopyToContainerParameters { Path = MountPoint, AllowOverwriteDirWithFile = true }, archive, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Removes the container (bounded by the engine's request timeout, whatever the caller's token did); the volume stays.</summary>
    public async ValueTask DisposeAsync() => await RemoveAsync(_engine, _id).ConfigureAwait(false);

    private static Task<bool> RemoveAsync(DockerEngine engine, string idOrName) =>
        engine.InvokeAsync(async (client, ct) =>
        {
            try
            {
                await client.Containers.RemoveContainerAsync(idOrName, new ContainerRemoveParameters { Force = true, RemoveVolumes = false }, ct).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
            {
                // Already gone (or never made): what removing wants.
            }

            return true;
        }, CancellationToken.None);

    // After a failed create: the create's own error is what the caller must see, so an engine
    // that cannot remove either (it is the one that just failed) adds nothing to it.
    private static async Task RemoveQuietlyAsync(DockerEngine engine, string name, string image, string volume)
    {
        try
        {
            await engine.InvokeAsync(async (client, ct) =>
            {
                ContainerInspectResponse found;
                try
                {
                    found = await client.Containers.InspectContainerAsync(name, ct).ConfigureAwait(false);
                }
                catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
                {
                    return true;
                }

                // Removed by the ID just inspected, and without force: a container that was
                // started (ours never are) is refused by the engine instead of killed.
                if (IsTheOneAskedFor(found, image, volume))
                {
                    await client.Containers.RemoveContainerAsync(found.ID, new ContainerRemoveParameters { Force = false, RemoveVolumes = false }, ct).ConfigureAwait(false);
                }

                return true;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerEngineException)
        {
            // The create's error follows; a leftover carries the helper's labels (docs/keyring.md).
        }
    }

    // The random name was never shown before the request, yet someone with the engine could take
    // it meanwhile: only a never-started container of the helper's image, command, labels and
    // mount is the one asked for.
    private static bool IsTheOneAskedFor(ContainerInspectResponse found, string image, string volume) =>
        found.State?.Status == "created"
        && Digest(found.Image) == Digest(image)
        && found.Config?.Cmd is [NeverRun]
        && ClawkerLabels.ForVolume(VolumeHelperImage.Purpose).All(label => found.Config.Labels?.TryGetValue(label.Key, out var value) == true && value == label.Value)
        && found.Mounts is [{ Name: var mounted, Destination: MountPoint }] && mounted == volume;

    private static string? Digest(string? image) => image?.StartsWith("sha256:", StringComparison.Ordinal) == true ? image["sha256:".Length..] : image;
}
