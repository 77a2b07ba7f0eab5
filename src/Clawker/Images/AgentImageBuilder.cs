using System.Net;
using Clawker.Bundling;
using Clawker.Diagnostics;
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
    /// <exception cref="ImageBuildException">CLAWKER4001 (a step failed, unknown base image), CLAWKER4002 (no usable builder), CLAWKER4005/4006 (a base image pulled with registry credentials is not there, or its pull failed).</exception>
    /// <exception cref="Publishing.RegistryException">CLAWKER6001 (credentials refused), 6003 (registry unreachable) or 6004-6007 (credential helper, config.json) for a base image pulled with the docker CLI's credentials.</exception>
    /// <exception cref="DockerEngineException">CLAWKER2001, CLAWKER2003 or CLAWKER2005 from the engine.</exception>
    public static Task<ImageBuildResult> BuildAsync(
        DockerEngine engine,
        BundleResult bundle,
        ImageBuildOptions? options = null,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        // The inputs the bundle's hash covers, so the tag names what is built.
        options = (options ?? new ImageBuildOptions()) with { Inputs = bundle.BuildInputs };
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
    /// <exception cref="ImageBuildException">CLAWKER4001, 4002, 4005 or 4006.</exception>
    /// <exception cref="Publishing.RegistryException">CLAWKER6001, 6003 or 6004-6007 for a base image pulled with registry credentials.</exception>
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
        if (!Enum.IsDefined(options.Builder))
        {
            throw new ClawkerSettingException(SettingKeys.ImageBuilder, options.Builder.ToString(), "Auto, BuildKit or Classic");
        }

        (options.Inputs ?? throw new ArgumentException("ImageBuildOptions.Inputs is null.", nameof(options))).Validate();
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

        var builder = BuilderChoice.Choose(engine, options.Builder);
        progress?.Report($"Building {image.Tag} on {endpoint} with {BuilderChoice.Describe(builder)}{Describe(options)}");
        // Base images on a registry that needs credentials: the builders cannot send them, Clawker pulls them first.
        options = options with { BasesPulled = await BaseImagePull.PullAsync(engine, contextTarPath, options, progress, cancellationToken).ConfigureAwait(false) };
        string imageId;
        // The builds sent again after podman's cache-lookup race; the BuildKit fallback is not one of them.
        var raceRetries = 0;
        while (true)
        {
            try
            {
                imageId = await BuildWithAsync(engine, builder, contextTarPath, image, options, progress, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (ImageBuildException e) when (e.Kind == ImageBuildErrorKind.BuilderUnavailable && builder == ImageBuilderKind.BuildKit && options.Builder == ImageBuilderKind.Auto)
            {
                // Auto only: an engine that refuses BuildKit's request gets the classic builder once.
                progress?.Report($"The engine refused BuildKit ({e.EngineMessage}); building with the classic builder");
                builder = ImageBuilderKind.Classic;
            }
            catch (ImageBuildException e) when (raceRetries < BuildFailures.CacheLookupRaceAttempts - 1 && BuildFailures.IsCacheLookupRace(e))
            {
                raceRetries++;
                progress?.Report($"The engine lost a cached layer while it looked it up ({e.EngineMessage}: another image was removed meanwhile); building again");
            }
        }

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

    // A build runs as long as its steps do: no request timeout, only the caller's token.
    private static Task<string> BuildWithAsync(
        DockerEngine engine, ImageBuilderKind builder, string contextTarPath, AgentImageReference image, ImageBuildOptions options, IProgress<string>? progress, CancellationToken cancellationToken) =>
        engine.InvokeAsync(
            (client, ct) => RunBuildAsync(client, engine.Endpoint.ToString(), contextTarPath, image, options, builder, progress, ct),
            Timeout.InfiniteTimeSpan,
            cancellationToken);

    /// <summary>Streams the context tar to <c>POST /build</c>, reads its answer to the end and returns the new image's ID.</summary>
    private static async Task<string> RunBuildAsync(
        IDockerClient client,
        string endpoint,
        string contextTarPath,
        AgentImageReference image,
        ImageBuildOptions options,
        ImageBuilderKind builder,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        var output = new BuildOutput(progress);
        var context = new FileStream(contextTarPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, useAsync: true);
        await using (context.ConfigureAwait(false))
        {
            Stream answer;
            try
            {
                // The raw stream: BuildKit's status is base64 protobuf in "aux", which Docker.DotNet's message type cannot hold.
                // Obsolete only because it returns before the build ends: the stream is read to its end below.
#pragma warning disable CS0618
                answer = await client.Images.BuildImageFromDockerfileAsync(context, BuildParameters(image, options, builder), cancellationToken).ConfigureAwait(false);
#pragma warning restore CS0618
            }
            catch (DockerApiException e)
            {
                throw BuildFailures.RequestRefused(image, e, endpoint, options.Inputs.Platform);
            }

            await using (answer.ConfigureAwait(false))
            {
                await BuildStream.ReadAsync(answer, output, cancellationToken).ConfigureAwait(false);
            }
        }

        output.Complete();
        if (output.Error is not null)
        {
            throw BuildFailures.StepFailed(image, output, endpoint, options.Inputs.Platform);
        }

        if (builder == ImageBuilderKind.BuildKit && !output.SawBuildKit)
        {
            progress?.Report("The engine built with its own builder, not BuildKit (podman builds with buildah)");
        }

        // The classic builder names the image in an aux message; without it (other engines), ask.
        return output.ImageId is { Length: > 0 } id ? id
            : (await InspectAsync(client, image.Tag, cancellationToken).ConfigureAwait(false))?.ID is { Length: > 0 } inspected ? inspected
            : throw BuildFailures.StepFailed(image, output, endpoint, options.Inputs.Platform);
    }

    internal static ImageBuildParameters BuildParameters(AgentImageReference image, ImageBuildOptions options, ImageBuilderKind builder) => new()
    {
        Tags = [image.Tag, image.LatestTag],
        // The labels parameter, not LABEL steps: BuildKit applies them without a step.
        Labels = image.Labels,
        NoCache = options.NoCache,
        // Intermediate containers go, also after a failed step (docker build's defaults).
        Remove = true,
        ForceRemove = true,
        // BuildKit without a session (no gRPC over a hijacked connection): it reads the context
        // from the request body, which needs no session on dockerd 20.10 and later.
        Version = builder == ImageBuilderKind.BuildKit ? "2" : "1",
        BuildArgs = options.Inputs.BuildArgs.Count == 0 ? null : options.Inputs.BuildArgs.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        Platform = options.Inputs.Platform,
        Pull = options.Inputs.Pull && !options.BasesPulled ? "1" : null,
        NetworkMode = options.NetworkMode,
    };

    // Names what shapes the build; build argument names only, never their values.
    private static string Describe(ImageBuildOptions options)
    {
        var parts = new List<string>();
        if (options.Force)
        {
            parts.Add("forced");
        }

        if (options.Inputs.Platform is { } platform)
        {
            parts.Add("platform " + platform);
        }

        if (options.Inputs.Pull)
        {
            parts.Add("pulling the base image");
        }

        if (options.Inputs.BuildArgs.Count > 0)
        {
            parts.Add("build arguments " + string.Join(", ", options.Inputs.BuildArgs.Keys.Order(StringComparer.Ordinal)));
        }

        return parts.Count == 0 ? string.Empty : $" ({string.Join("; ", parts)})";
    }

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
