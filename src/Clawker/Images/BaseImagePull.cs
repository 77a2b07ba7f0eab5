using System.Net;
using Clawker.Docker;
using Clawker.Publishing;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.Images;

/// <summary>
/// Pulls, before the build, each base image on a registry the docker CLI has credentials for
/// (credHelpers, credsStore, auths in config.json) when the engine lacks it or a pull was asked
/// for: BuildKit without a session cannot send credentials, and the classic builder is not given
/// them. <c>POST /images/create</c> with <c>X-Registry-Auth</c>, one path for both builders. A base
/// with no registry part, or a registry without credentials, is left to the engine as before.
/// </summary>
internal static class BaseImagePull
{
    /// <summary>
    /// Pulls what needs credentials. Returns whether the build must not pull again (the engine
    /// would, without credentials, when <see cref="ImageBuildInputs.Pull"/> is set): then every base
    /// has been pulled here. When Clawker cannot name one of them, the engine pulls them all (pull=1).
    /// </summary>
    public static async Task<bool> PullAsync(DockerEngine engine, string contextTarPath, ImageBuildOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (DockerfileBases.ReadFromTar(contextTarPath) is not { } dockerfile)
        {
            return false;
        }

        var bases = DockerfileBases.Parse(dockerfile, options.Inputs.BuildArgs, options.Inputs.Platform);
        if (options.Inputs.Pull && bases.FirstOrDefault(b => b.Image is null) is { } unnamed)
        {
            // A refresh Clawker cannot do for every base is left to the engine (pull=1), as without credentials:
            // sent without it, that base would silently stay as it is.
            progress?.Report($"Base image {unnamed.Written}: Clawker cannot resolve that reference, so the engine pulls every base image again itself, without the docker CLI's credentials");
            return false;
        }

        var logins = new Dictionary<string, RegistryLogin>(StringComparer.Ordinal);
        var pulled = new HashSet<DockerfileBases.Base>();
        var environment = options.Environment ?? ClawkerEnvironment.Process;
        foreach (var candidate in bases)
        {
            if (candidate.Image is not { CredentialKey: { } key } image
                || (!options.Inputs.Pull && await HasAsync(engine, image, candidate.Platform, cancellationToken).ConfigureAwait(false)))
            {
                continue;
            }

            if (!logins.TryGetValue(key, out var login))
            {
                login = logins[key] = await RegistryCredentials.ResolveAsync(
                    new RegistryName(image.Registry!, image.Registry!, key, image.Registry!),
                    new ImagePushOptions { Environment = environment, CredentialHelperTimeout = options.CredentialHelperTimeout },
                    environment,
                    cancellationToken).ConfigureAwait(false);
            }

            if (login.IsAnonymous)
            {
                continue;
            }

            await PullOneAsync(engine, image, candidate.Platform, login, progress, cancellationToken).ConfigureAwait(false);
            pulled.Add(candidate);
        }

        if (!options.Inputs.Pull || pulled.Count == 0)
        {
            return false;
        }

        // A refresh asked for: the engine must not pull again (it would without credentials), so Clawker pulls the rest too.
        var anonymous = new RegistryLogin(string.Empty, "no credentials (none needed for it)", null, null, null);
        foreach (var other in bases.Where(b => !pulled.Contains(b)))
        {
            await PullOneAsync(engine, other.Image!, other.Platform, anonymous, progress, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Whether the engine has <paramref name="image"/>, for <paramref name="platform"/> when one is asked for.</summary>
    private static Task<bool> HasAsync(DockerEngine engine, BaseImageReference image, string? platform, CancellationToken cancellationToken) =>
        engine.InvokeAsync(async (client, ct) =>
        {
            try
            {
                var found = await client.Images.InspectImageAsync(image.Reference, ct).ConfigureAwait(false);
                if (found is null || platform is null)
                {
                    return found is not null;
                }

                var parts = platform.Split('/');
                return string.Equals(found.Os, parts[0], StringComparison.OrdinalIgnoreCase) && string.Equals(found.Architecture, parts[1], StringComparison.OrdinalIgnoreCase);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        }, cancellationToken);

    private static async Task PullOneAsync(DockerEngine engine, BaseImageReference image, string? platform, RegistryLogin login, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var server = image.Registry ?? "docker.io";
        progress?.Report($"Base image {image.Reference}: pulling from {server}{(platform is null ? string.Empty : $" for {platform}")} with credentials from {login.Source}");
        // The push stream's reader serves the pull's: the same message shape, errors inside HTTP 200, one line per layer state.
        var output = new PushOutput(progress, image.TagOrDigest); // the tag only picks a push's digest: a pull's is not read
        var endpoint = engine.Endpoint.ToString();
        // A pull runs as long as its downloads: no request timeout (the stream's stall bound still applies).
        await engine.InvokeAsync(async (client, ct) =>
        {
            try
            {
                await client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromImage = image.Name, Tag = image.TagOrDigest, Platform = platform },
                    login.ToAuthConfig(),
                    output,
                    ct).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            {
                throw PullFailures.FromEngine(image, platform, login, e.StatusCode, BuildFailures.EngineMessageOf(e), endpoint);
            }

            return true;
        }, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);

        if (output.Error is { } error)
        {
            throw PullFailures.FromEngine(image, platform, login, HttpStatusCode.OK, error, endpoint);
        }

        progress?.Report($"Base image {image.Reference}: pulled");
    }
}
