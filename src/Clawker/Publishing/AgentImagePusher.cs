using System.Net;
using Clawker.Docker;
using Clawker.Images;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.Publishing;

/// <summary>
/// Pushes the agent image to a registry through the Engine API (no docker CLI), with the
/// credentials the docker CLI would use. Content-addressed: when the registry already has the
/// <c>sha-</c> tag with the local image's digest nothing is pushed (one question to the registry's
/// API). Builds the image first when it is not on the engine.
/// </summary>
public static class AgentImagePusher
{
    /// <summary>
    /// Builds the bundle's image when it is missing (<see cref="AgentImageBuilder"/>, skipped after
    /// one inspect when present), tags it <c>&lt;registry&gt;/clawker-&lt;project&gt;:sha-&lt;hash&gt;</c> and
    /// <c>:latest</c>, and pushes both unless the registry already has them with this image's digest.
    /// </summary>
    /// <param name="engine">The connected engine.</param>
    /// <param name="contextTarPath">The bundle's <c>context.tar</c> (used only when the image must be built).</param>
    /// <param name="tag">The bundle's tag, <c>clawker-&lt;project&gt;:sha-&lt;hash&gt;</c>.</param>
    /// <param name="contentHash">The bundle's content hash.</param>
    /// <param name="options">The registry and credentials.</param>
    /// <param name="progress">What was decided (build skipped, push skipped, pushed), the engine's push progress, and where the credentials came from.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>The repository, the digest and the digest reference to deploy.</returns>
    /// <exception cref="RegistryException">CLAWKER6001-6010.</exception>
    /// <exception cref="Diagnostics.ClawkerSettingException">CLAWKER5002: the registry or the password variable setting is malformed.</exception>
    /// <exception cref="ImageBuildException">CLAWKER4001/4002 when the image had to be built.</exception>
    /// <exception cref="DockerEngineException">CLAWKER2001-2005 from the engine.</exception>
    public static async Task<ImagePushResult> PushAsync(
        DockerEngine engine,
        string contextTarPath,
        string tag,
        string contentHash,
        ImagePushOptions options,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        var registry = RegistryName.Parse(options.Registry);
        PushSettings.Check(options);
        var image = AgentImageReference.From(tag, contentHash);
        var environment = options.Environment ?? ClawkerEnvironment.Process;

        var built = await AgentImageBuilder.BuildAsync(engine, contextTarPath, tag, contentHash, options.Build with { Force = false, Environment = options.Build.Environment ?? options.Environment }, progress, cancellationToken).ConfigureAwait(false);
        var repository = registry.Repository(image.Repository);
        var sha = tag[(tag.LastIndexOf(':') + 1)..];
        var remoteTag = $"{repository}:{sha}";

        // Tagging (two engine requests) overlaps finding the credentials and asking the registry.
        var tagging = TagAsync(engine, built.ImageId, repository, sha, listTags: !engine.IsPodman, cancellationToken);
        RegistryLogin login;
        (string Tag, string? Config, string? Latest)? found = null;
        var apiPath = RepositoryPath(registry, repository);
        try
        {
            login = await RegistryCredentials.ResolveAsync(registry, options, environment, cancellationToken).ConfigureAwait(false);
            progress?.Report($"Registry {registry.Server}: credentials from {login.Source}");
            if (!options.Force)
            {
                found = await AskRegistryAsync(registry, login, options, apiPath, sha, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // The failure above is the one to report; the tagging is not left running.
            await ((Task)tagging).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        var onlyOurTags = await tagging.ConfigureAwait(false);

        // The registry has this image when the tag's manifest names this image's config (its ID):
        // true on dockerd and podman alike, whose RepoDigests name its own uncompressed manifest.
        if (found is { } known && IsImage(known.Config, built.ImageId))
        {
            if (known.Latest != known.Tag)
            {
                await PushTagAsync(engine, registry, login, repository, "latest", progress, cancellationToken).ConfigureAwait(false);
            }

            progress?.Report($"{remoteTag} is already in the registry with this image's digest {known.Tag}: push skipped.");
            return Result(repository, remoteTag, known.Tag, skipped: true, built, login);
        }

        progress?.Report($"Pushing {remoteTag} to {registry.Server}{(options.Force ? " (forced)" : string.Empty)}");
        string? digest;
        if (onlyOurTags && !engine.IsPodman)
        {
            // One request for both tags, as `docker push --all-tags`: dockerd pushes them one after
            // the other in one job, each layer once. Only when the repository has no other local tag
            // (an earlier release's), which it would push too; podman 4.3 pushes only :latest so.
            digest = await PushTagAsync(engine, registry, login, repository, sha, progress, cancellationToken, allTags: true).ConfigureAwait(false);
        }
        else
        {
            // One tag after the other, never two requests at once: then dockerd 20.10 can PUT the
            // second tag's manifest while the first push still uploads a layer ("manifest blob
            // unknown", seen in CI). The second push finds every layer there.
            digest = await PushTagAsync(engine, registry, login, repository, sha, progress, cancellationToken).ConfigureAwait(false);
            await PushTagAsync(engine, registry, login, repository, "latest", progress, cancellationToken).ConfigureAwait(false);
        }

        if (digest is null)
        {
            using var api = new RegistryApi(registry, login, options.RegistryTimeout);
            digest = await api.ManifestDigestAsync(apiPath, sha, cancellationToken).ConfigureAwait(false)
                ?? throw new RegistryException(RegistryErrorKind.PushFailed, registry.Server, $"The engine reported {remoteTag} pushed, but the registry {registry.Server} has no such tag.");
        }

        progress?.Report($"Pushed {remoteTag} ({digest})");
        return Result(repository, remoteTag, digest, skipped: false, built, login);
    }

    /// <summary>
    /// The registry's digest of the <c>sha-</c> tag, the image config its manifest names, and the digest
    /// of <c>latest</c>; <see langword="null"/> when it
    /// lacks the tag or cannot be asked. The check only saves work: the engine may reach a registry this
    /// process cannot (its own CA, proxy, an OAuth identity token), so its failure means "push", and the
    /// push reports what is wrong.
    /// </summary>
    private static async Task<(string Tag, string? Config, string? Latest)?> AskRegistryAsync(
        RegistryName registry, RegistryLogin login, ImagePushOptions options, string apiPath, string sha, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var api = new RegistryApi(registry, login, options.RegistryTimeout);
        try
        {
            return await api.ManifestWithConfigAsync(apiPath, sha, cancellationToken).ConfigureAwait(false) is { } tag
                ? (tag.Digest, tag.Config, await api.ManifestDigestAsync(apiPath, "latest", cancellationToken).ConfigureAwait(false))
                : null;
        }
        catch (RegistryException e)
        {
            progress?.Report($"Could not ask {registry.Server} for the image's digest ({e.Code}), so pushing: {e.Message}");
            return null;
        }
    }

    /// <summary>Whether the manifest's config digest is the image's full ID (with or without <c>sha256:</c>).</summary>
    internal static bool IsImage(string? configDigest, string imageId) =>
        configDigest is not null && RegistryApi.IsDigest(configDigest)
        && string.Equals(configDigest, imageId.StartsWith("sha256:", StringComparison.Ordinal) ? imageId : "sha256:" + imageId, StringComparison.Ordinal);

    private static ImagePushResult Result(string repository, string remoteTag, string digest, bool skipped, Images.ImageBuildResult built, RegistryLogin login) =>
        new(repository, remoteTag, repository + ":latest", digest, $"{repository}@{digest}", skipped, Built: !built.Skipped, login.Source);

    /// <summary>The repository's path on the registry: without the server (Docker Hub: with <c>library/</c> for a bare name).</summary>
    internal static string RepositoryPath(RegistryName registry, string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return repository[(slash + 1)..];
    }

    /// <summary>
    /// Tags the image <c>sha-</c> and <c>latest</c> in the registry's repository; true when the engine
    /// holds no other tag of that repository (asked only when <paramref name="listTags"/>). The list
    /// runs alongside the tagging (it is read only for tags other than these two); the two tags one
    /// after the other: podman 4.3 tagging one image twice at once can lose one of them.
    /// </summary>
    private static Task<bool> TagAsync(DockerEngine engine, string imageId, string repository, string sha, bool listTags, CancellationToken cancellationToken) =>
        engine.InvokeAsync(async (client, ct) =>
        {
            var listed = listTags
                ? client.Images.ListImagesAsync(new ImagesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [repository] = true } } }, ct)
                : Task.FromResult<IList<ImagesListResponse>>([]);
            try
            {
                foreach (var name in new[] { sha, "latest" })
                {
                    await client.Images.TagImageAsync(imageId, new ImageTagParameters { RepositoryName = repository, Tag = name }, ct).ConfigureAwait(false);
                }
            }
            catch
            {
                await ((Task)listed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            var ours = new[] { $"{repository}:{sha}", $"{repository}:latest" };
            return listTags && !(await listed.ConfigureAwait(false) ?? []).SelectMany(i => i?.RepoTags ?? [])
                .Any(t => t is not null && t.StartsWith(repository + ":", StringComparison.Ordinal) && !ours.Contains(t, StringComparer.Ordinal));
        }, cancellationToken);

    private static async Task<string?> PushTagAsync(DockerEngine engine, RegistryName registry, RegistryLogin login, string repository, string tag, IProgress<string>? progress, CancellationToken cancellationToken, bool allTags = false)
    {
        var output = new PushOutput(progress, tag);
        // A push runs as long as its uploads: no request timeout (the stream's stall bound still applies).
        await engine.InvokeAsync(async (client, ct) =>
        {
            if (registry.IsInsecureByDefault && EngineCall.Current is { } call)
            {
                // What dockerd does for 127.0.0.0/8 by default; podman needs telling (dockerd ignores it).
                call.PushQuery = "tlsVerify=false";
            }

            try
            {
                await client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = allTags ? null : tag }, login.ToAuthConfig(), output, ct).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            {
                throw PushFailures.FromEngine(registry.Server, login, repository, e.ResponseBody ?? e.StatusCode.ToString(), engine.Endpoint.ToString());
            }

            return true;
        }, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);

        return output.Error is { } error
            ? throw PushFailures.FromEngine(registry.Server, login, repository, error, engine.Endpoint.ToString())
            : output.Digest;
    }
}
