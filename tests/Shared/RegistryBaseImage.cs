using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// A base image that exists only in the private registry (build/services/registry.sh), under a
/// repository that needs its login: a one-file root filesystem made here (what <c>docker import</c>
/// does) with a label naming its version, pushed with the registry's credentials, then removed
/// from the engine, so a build must pull it with credentials.
/// </summary>
internal static class RegistryBaseImage
{
    public const string VersionLabel = "com.clawker.test.base-version";

    /// <summary>
    /// Skips (or fails in CI) unless the engine and the registry are here; then pushes version
    /// <c>v1</c> of a new base (removed from the engine) and returns its reference.
    /// </summary>
    public static async Task<(string Reference, string Layer)> RequireNewAsync(CancellationToken cancellationToken)
    {
        TestEngine.Require();
        TestRegistry.Require();
        var reference = NewReference();
        return (reference, await PushAsync(reference, "v1", cancellationToken));
    }

    /// <summary>A new repository name on the registry, <c>127.0.0.1:PORT/team/base-xxxx</c>, tag <c>1</c>.</summary>
    public static string NewReference() => $"{TestRegistry.Address}/team/{TestEngine.UniqueName("base")}:1";

    /// <summary>Pushes version <paramref name="version"/> of <paramref name="reference"/> and removes it from the engine; returns its layer's diff ID.</summary>
    public static async Task<string> PushAsync(string reference, string version, CancellationToken cancellationToken)
    {
        using var client = TestEngine.Client();
        using var rootfs = new MemoryStream();
        using (var tar = new TarWriter(rootfs, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "base-version") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(version + "\n")) });
        }

        rootfs.Position = 0;
        var colon = reference.LastIndexOf(':');
        var (repository, tag) = (reference[..colon], reference[(colon + 1)..]);
        await client.Images.CreateImageAsync(
            // "repo:tag" in repo: podman 4.3 ignores the tag parameter.
            new ImagesCreateParameters { FromSrc = "-", Repo = reference, Changes = [$"LABEL {VersionLabel}={version}"] },
            rootfs, new AuthConfig(), new Messages(), cancellationToken);
        var imported = await client.Images.InspectImageAsync(reference, cancellationToken);

        var push = new Messages();
        await client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag }, Login(), push, cancellationToken);
        push.Error.ShouldBeNull($"pushing the test base {reference}");
        await RemoveAsync(client, imported.ID, cancellationToken);
        return imported.RootFS.Layers.ShouldHaveSingleItem();
    }

    /// <summary>The registry's real login, as the engine's X-Registry-Auth takes it.</summary>
    public static AuthConfig Login() => new() { Username = TestRegistry.User, Password = TestRegistry.Password, ServerAddress = TestRegistry.Address };

    /// <summary>Removes an image (all its tags) from the engine; one already gone is fine.</summary>
    public static async Task RemoveAsync(DockerClient client, string image, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    private sealed class Messages : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value) => Error ??= value.Error?.Message;
    }
}
