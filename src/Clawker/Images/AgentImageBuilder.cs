using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.Images;

/// <summary>
/// Builds the agent image on a Docker engine from a bundle's deterministic context tar,
/// through the Engine API (no docker CLI). Content-addressed: when the bundle's
/// <c>sha-</c> tag is already on the engine the build is skipped after one image inspect.
/// </summary>
public static class AgentImageBuilder
{
    /// <summary>
    /// Builds (or skips) the image for a context tar whose content-addressed tag is known.
    /// Both tags, the labels and the classic builder are set here; see docs/image-build.md.
    /// </summary>
    internal static async Task<ImageBuildResult> BuildAsync(
        IDockerClient client,
        string endpoint,
        string contextTarPath,
        AgentImageReference image,
        ImageBuildOptions options,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);

        if (!options.Force && await InspectAsync(client, image.Tag, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await EnsureLatestAsync(client, image, existing, cancellationToken).ConfigureAwait(false);
            progress?.Report($"{image.Tag} is already on the engine (image {ShortId(existing.ID)}): build skipped, nothing changed since it was built.");
            return new ImageBuildResult(image.Tag, image.LatestTag, existing.ID, Skipped: true);
        }

        progress?.Report($"Building {image.Tag} on {endpoint}{(options.Force ? " (forced)" : string.Empty)}");
        var output = new BuildOutput(progress);
        var context = new FileStream(contextTarPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, useAsync: true);
        await using (context.ConfigureAwait(false))
        {
            try
            {
                await client.Images.BuildImageFromDockerfileAsync(
                    BuildParameters(image, options),
                    context,
                    authConfigs: null,
                    headers: null,
                    output,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw BuildFailures.RequestRefused(image, e, endpoint);
            }
        }

        if (output.Error is not null)
        {
            throw BuildFailures.StepFailed(image, output, endpoint);
        }

        // The classic builder names the image in an aux message; without it (other engines), ask.
        var imageId = output.ImageId
            ?? (await InspectAsync(client, image.Tag, cancellationToken).ConfigureAwait(false))?.ID
            ?? throw BuildFailures.StepFailed(image, output, endpoint);
        progress?.Report($"Built {image.Tag} and {image.LatestTag} (image {ShortId(imageId)})");
        return new ImageBuildResult(image.Tag, image.LatestTag, imageId, Skipped: false);
    }

    internal static ImageBuildParameters BuildParameters(AgentImageReference image, ImageBuildOptions options) => new()
    {
        Tags = [image.Tag, image.LatestTag],
        Labels = image.Labels,
        NoCache = options.NoCache,
        // Intermediate containers go, also after a failed step (docker build's defaults).
        Remove = true,
        ForceRemove = true,
        // The classic builder: BuildKit over the API needs a session (gRPC over a hijacked
        // connection) that this client does not speak, and Engine API 1.41 defaults to it anyway.
        Version = "1",
    };

    private static async Task<ImageInspectResponse?> InspectAsync(IDockerClient client, string reference, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Keeps <c>latest</c> on the current content when a skipped build finds it elsewhere (a
    /// later build of other content moved it); costs a call only then.
    /// </summary>
    private static async Task EnsureLatestAsync(IDockerClient client, AgentImageReference image, ImageInspectResponse existing, CancellationToken cancellationToken)
    {
        if (existing.RepoTags?.Contains(image.LatestTag, StringComparer.Ordinal) == true)
        {
            return;
        }

        await client.Images.TagImageAsync(
            existing.ID,
            new ImageTagParameters { RepositoryName = image.Repository, Tag = "latest" },
            cancellationToken).ConfigureAwait(false);
    }

    private static string ShortId(string id)
    {
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length > 12 ? hex[..12] : hex;
    }
}
