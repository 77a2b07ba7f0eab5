using System.Formats.Tar;
using Clawker.Docker;
using Clawker.Keyring;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.GlobalsLogin;

/// <summary>
/// The tiny image the volume helper containers are created from: made by Clawker on the engine
/// from a few bytes (an import of a tar holding one empty folder, so nothing is pulled), labelled
/// <c>com.clawker.managed=true</c>, <c>com.clawker.purpose=volume-helper</c>. It has no program: its
/// containers are created, never started. An image of its name without those labels is never
/// used or replaced.
/// </summary>
internal static class VolumeHelperImage
{
    /// <summary>The purpose label of the image and of its containers.</summary>
    public const string Purpose = "volume-helper";

    /// <summary>The image's repository.</summary>
    public const string Repository = ClawkerNames.VolumePrefix + Purpose;

    /// <summary>The image's tag: bumped when its contents change.</summary>
    public const string Tag = "1";

    /// <summary>The image's reference.</summary>
    public const string Reference = Repository + ":" + Tag;

    /// <summary>The image's ID: the one on the engine, or a fresh import when there is none.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="source">The volume, for messages.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="CredentialException">Of kind <see cref="CredentialErrorKind.VolumeHelperConflict"/> (CLAWKER1020).</exception>
    public static Task<string> EnsureAsync(DockerEngine engine, string source, CancellationToken cancellationToken) =>
        engine.InvokeAsync(async (client, ct) =>
        {
            if (await InspectOrNullAsync(client, Reference, ct).ConfigureAwait(false) is { } existing)
            {
                return Checked(existing, engine, source);
            }

            using var rootfs = RootFs();
            var messages = new List<JSONMessage>();
            await client.Images.CreateImageAsync(
                new ImagesCreateParameters
                {
                    FromSrc = "-",
                    Repo = Repository,
                    Tag = Tag,
                    Changes = [$"LABEL {ClawkerLabels.Managed}={ClawkerLabels.ManagedValue}", $"LABEL {ClawkerLabels.Purpose}={Purpose}", $"CMD [\"{VolumeHelper.NeverRun}\"]"],
                },
                rootfs, new AuthConfig(), new Collector(messages), ct).ConfigureAwait(false);
            // Both engines answer an import with {"status":"sha256:ID"}; podman 4.3 ignores the tag, so tag by ID.
            var id = messages.Select(m => m.Status).LastOrDefault(s => s?.StartsWith("sha256:", StringComparison.Ordinal) == true)
                ?? throw EngineErrors.Malformed(engine.Endpoint, "POST /images/create?fromSrc=-", "no image ID in the answer");
            await client.Images.TagImageAsync(id, new ImageTagParameters { RepositoryName = Repository, Tag = Tag }, ct).ConfigureAwait(false);
            var imported = await InspectOrNullAsync(client, id, ct).ConfigureAwait(false)
                ?? throw EngineErrors.Malformed(engine.Endpoint, $"GET /images/{id}/json", "the image just imported is not there");
            return Checked(imported, engine, source);
        }, cancellationToken);

    private static string Checked(ImageInspectResponse image, DockerEngine engine, string source)
    {
        if (ClawkerLabels.MarkVolumeFor(image.Config?.Labels, Purpose))
        {
            return image.ID;
        }

        throw new CredentialException(CredentialErrorKind.VolumeHelperConflict, source,
            $"Clawker reads {source} through a container of its own image {Reference}, but the image of that name on the Docker engine at {engine.Endpoint} is not Clawker's: it has the labels {EngineText.Excerpt(ClawkerLabels.Describe(image.Config?.Labels))}. " +
            $"Clawker will not use or replace it. Remove or rename it (`docker image rm {Reference}`); the next check makes Clawker's own.");
    }

    private static async Task<ImageInspectResponse?> InspectOrNullAsync(IDockerClient client, string name, CancellationToken ct)
    {
        try
        {
            return await client.Images.InspectImageAsync(name, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    // One empty folder, the mount point: an engine imports an empty layer badly, and the folder
    // spares it creating one in the image's root file system.
    private static MemoryStream RootFs()
    {
        var rootfs = new MemoryStream();
        using (var tar = new TarWriter(rootfs, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, VolumeHelper.MountPoint.TrimStart('/') + "/")
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                ModificationTime = DateTimeOffset.UnixEpoch,
            });
        }

        rootfs.Position = 0;
        return rootfs;
    }

    // Progress<T> reports on the thread pool, possibly after the call returned: collect in line.
    private sealed class Collector(List<JSONMessage> messages) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            lock (messages)
            {
                messages.Add(value);
            }
        }
    }
}
