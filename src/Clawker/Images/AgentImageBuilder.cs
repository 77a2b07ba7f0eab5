using System.Net;
using Clawker.Bundling;
using Clawker.Docker;
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
    /// Builds the image for <paramref name="bundle"/> on <paramref name="engine"/>, tagged
    /// <see cref="BundleResult.Tag"/> (<c>clawker-&lt;project&gt;:sha-&lt;hash&gt;</c>) and
    /// <c>clawker-&lt;project&gt;:latest</c>, labelled <c>com.clawker.managed=true</c>,
    /// <c>com.clawker.project</c> and <c>com.clawker.content-hash</c>. When the <c>sha-</c> tag
    /// already exists (and <see cref="ImageBuildOptions.Force"/> is off) nothing is built: one
    /// image inspect, plus a re-tag only when <c>latest</c> had moved elsewhere.
    /// </summary>
    /// <param name="engine">The connected engine (see <see cref="DockerEngine.ConnectAsync(DockerEndpointOptions?, CancellationToken)"/>).</param>
    /// <param name="bundle">The bundle to build: its context tar, tag and content hash.</param>
    /// <param name="options">Force and cache options; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives the engine's build output line by line, and what was decided (skipped, built).</param>
    /// <param name="cancellationToken">Cancels the build (the engine stops it when the connection closes).</param>
    /// <returns>The tags, the image ID, and whether the build was skipped.</returns>
    /// <exception cref="ImageBuildException">CLAWKER4001 (a step failed, unknown base image) or CLAWKER4002 (no usable builder).</exception>
    /// <exception cref="DockerEngineException">CLAWKER2001, CLAWKER2003 or CLAWKER2005 from the engine.</exception>
    public static Task<ImageBuildResult> BuildAsync(
        DockerEngine engine,
        BundleResult bundle,
        ImageBuildOptions? options = null,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return BuildAsync(engine, bundle.TarPath, bundle.Tag, bundle.ContentHash, options, progress, cancellationToken);
    }

    /// <summary>
    /// Builds (or skips) the image for a bundle already on disk, named by its context tar, tag
    /// and content hash (what the MSBuild targets keep between builds); otherwise the same as
    /// <see cref="BuildAsync(DockerEngine, BundleResult, ImageBuildOptions?, IProgress{string}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="engine">The connected engine.</param>
    /// <param name="contextTarPath">The bundle's <c>context.tar</c>.</param>
    /// <param name="tag">The bundle's tag, <c>clawker-&lt;project&gt;:sha-&lt;12 hex&gt;</c>.</param>
    /// <param name="contentHash">The bundle's content hash (lower-case hex SHA-256).</param>
    /// <param name="options">Force and cache options; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives the engine's build output line by line, and what was decided.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The tags, the image ID, and whether the build was skipped.</returns>
    /// <exception cref="ArgumentException">The tag is not an agent image tag.</exception>
    /// <exception cref="ImageBuildException">CLAWKER4001 or CLAWKER4002.</exception>
    /// <exception cref="BundleException">Of kind <see cref="BundleErrorKind.FilesUnavailable"/> (CLAWKER3003): the context tar is missing (and the image is not already built).</exception>
    /// <exception cref="DockerEngineException">CLAWKER2001, CLAWKER2003 or CLAWKER2005 from the engine.</exception>
    public static async Task<ImageBuildResult> BuildAsync(
        DockerEngine engine,
        string contextTarPath,
        string tag,
        string contentHash,
        ImageBuildOptions? options = null,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrEmpty(contextTarPath);
        options ??= new ImageBuildOptions();
        var image = AgentImageReference.From(tag, contentHash);
        var endpoint = engine.Endpoint.ToString();

        if (!options.Force)
        {
            var skipped = await engine.InvokeAsync((client, ct) => SkipIfBuiltAsync(engine, client, image, ct), cancellationToken).ConfigureAwait(false);
            if (skipped is not null)
            {
                progress?.Report($"{image.Tag} is already on the engine (image {ShortId(skipped.ImageId)}): build skipped, nothing changed since it was built.");
                return skipped;
            }
        }

        if (!File.Exists(contextTarPath))
        {
            throw BundleException.TarMissing(contextTarPath);
        }

        progress?.Report($"Building {image.Tag} on {endpoint}{(options.Force ? " (forced)" : string.Empty)}");
        // A build runs as long as its steps do: no request timeout, only the caller's token.
        var imageId = await engine.InvokeAsync(
            (client, ct) => RunBuildAsync(client, endpoint, contextTarPath, image, options, progress, ct),
            Timeout.InfiniteTimeSpan,
            cancellationToken).ConfigureAwait(false);
        progress?.Report($"Built {image.Tag} and {image.LatestTag} (image {ShortId(imageId)})");
        return new ImageBuildResult(image.Tag, image.LatestTag, imageId, Skipped: false);
    }

    /// <summary>The result of a skipped build when the <c>sha-</c> tag exists, else <see langword="null"/>.</summary>
    private static async Task<ImageBuildResult?> SkipIfBuiltAsync(DockerEngine engine, IDockerClient client, AgentImageReference image, CancellationToken cancellationToken)
    {
        if (await InspectAsync(client, image.Tag, cancellationToken).ConfigureAwait(false) is not { } existing)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(existing.ID))
        {
            throw EngineErrors.Malformed(engine.Endpoint, $"GET /images/{image.Tag}/json", "an image description without an ID");
        }

        await EnsureLatestAsync(client, image, existing, cancellationToken).ConfigureAwait(false);
        return new ImageBuildResult(image.Tag, image.LatestTag, existing.ID, Skipped: true);
    }

    /// <summary>Streams the context tar to <c>POST /build</c> and returns the new image's ID.</summary>
    private static async Task<string> RunBuildAsync(
        IDockerClient client,
        string endpoint,
        string contextTarPath,
        AgentImageReference image,
        ImageBuildOptions options,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
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

        output.Complete();
        if (output.Error is not null)
        {
            throw BuildFailures.StepFailed(image, output, endpoint);
        }

        // The classic builder names the image in an aux message; without it (other engines), ask.
        return output.ImageId is { Length: > 0 } id ? id
            : (await InspectAsync(client, image.Tag, cancellationToken).ConfigureAwait(false))?.ID is { Length: > 0 } inspected ? inspected
            : throw BuildFailures.StepFailed(image, output, endpoint);
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
            // A 200 of "null" is no image description, not the same as 404; the caller checks the ID of a real one.
            return await client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false)
                ?? throw new EngineAnswerException($"GET /images/{reference}/json", "an empty answer (null)");
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
