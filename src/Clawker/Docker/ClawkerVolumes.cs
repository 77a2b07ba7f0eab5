using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.Docker;

/// <summary>Clawker's labelled volumes: their mounts, and making sure they exist.</summary>
public static class ClawkerVolumes
{
    /// <summary>The volume name for <paramref name="purpose"/>: <c>clawker-&lt;purpose&gt;</c>.</summary>
    /// <param name="purpose">Lower-case letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting with a letter or digit.</param>
    /// <returns>The volume's name.</returns>
    /// <exception cref="ArgumentException">The purpose is not a valid volume name part.</exception>
    public static string Name(string purpose) => ClawkerNames.Volume(purpose);

    /// <summary>A named-volume mount of <c>clawker-&lt;purpose&gt;</c> at <paramref name="target"/>, for <c>HostConfig.Mounts</c>.</summary>
    /// <param name="purpose">The volume's purpose, for example <see cref="GlobalsVolume.Purpose"/>.</param>
    /// <param name="target">The absolute path inside the container.</param>
    public static Mount Mount(string purpose, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (!target.StartsWith('/'))
        {
            throw new ArgumentException($"The mount target '{target}' must be an absolute path.", nameof(target));
        }

        return new Mount { Type = "volume", Source = ClawkerNames.Volume(purpose), Target = target, ReadOnly = false };
    }

    /// <summary>
    /// Makes sure <c>clawker-&lt;purpose&gt;</c> exists with clawker's labels. Inspects it (one
    /// request when it exists); creates it when missing; then checks the labels of what the
    /// engine returned, because a create of an existing volume (another process won the race)
    /// silently keeps that volume's labels. A volume with other labels is never adopted.
    /// Labels beyond clawker's two are accepted.
    /// </summary>
    /// <param name="engine">The connected engine.</param>
    /// <param name="purpose">The volume's purpose, for example <see cref="GlobalsVolume.Purpose"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="DockerEngineException">Of kind <see cref="DockerEngineErrorKind.VolumeLabelConflict"/> (CLAWKER2002): the volume exists without clawker&apos;s labels; CLAWKER2001, CLAWKER2003 or CLAWKER2005 from the engine.</exception>
    public static Task<VolumeEnsureResult> EnsureAsync(DockerEngine engine, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var name = ClawkerNames.Volume(purpose);
        var labels = ClawkerLabels.ForVolume(purpose);

        return engine.InvokeAsync(async (client, ct) =>
        {
            var existing = await InspectOrNullAsync(client, engine.Endpoint, name, ct).ConfigureAwait(false);
            if (existing is not null)
            {
                CheckLabels(engine.Endpoint, name, purpose, existing.Labels);
                return new VolumeEnsureResult(name, VolumeEnsureOutcome.AlreadyExisted, engine.Endpoint);
            }

            VolumeResponse created;
            try
            {
                // Docker answers a create of an existing volume with that volume as it is (a concurrent
                // creator won the race, or someone else's volume holds the name); the labels tell which.
                created = await client.Volumes.CreateAsync(
                    new VolumesCreateParameters { Name = name, Labels = new Dictionary<string, string>(labels) }, ct).ConfigureAwait(false)
                    ?? throw EngineErrors.Malformed(engine.Endpoint, "POST /volumes/create", "an empty answer (null)");
            }
            catch (DockerApiException)
            {
                // Podman instead answers 500 "volume already exists" when it loses the race: look again.
                var raced = await InspectOrNullAsync(client, engine.Endpoint, name, ct).ConfigureAwait(false);
                if (raced is null)
                {
                    throw;
                }

                CheckLabels(engine.Endpoint, name, purpose, raced.Labels);
                return new VolumeEnsureResult(name, VolumeEnsureOutcome.AlreadyExisted, engine.Endpoint);
            }

            CheckLabels(engine.Endpoint, name, purpose, created.Labels);
            return new VolumeEnsureResult(name, VolumeEnsureOutcome.Created, engine.Endpoint);
        }, cancellationToken);
    }

    private static async Task<VolumeResponse?> InspectOrNullAsync(IDockerClient client, DockerEndpoint endpoint, string name, CancellationToken ct)
    {
        try
        {
            // A 200 of "null" is no volume description: not the same as 404.
            return await client.Volumes.InspectAsync(name, ct).ConfigureAwait(false)
                ?? throw EngineErrors.Malformed(endpoint, $"GET /volumes/{name}", "an empty answer (null)");
        }
        catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    internal static void CheckLabels(DockerEndpoint endpoint, string name, string purpose, IDictionary<string, string>? found)
    {
        if (ClawkerLabels.MarkVolumeFor(found, purpose))
        {
            return;
        }

        var foundCopy = found is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(found, StringComparer.Ordinal);
        throw DockerEngineException.VolumeLabelConflict(endpoint, name, foundCopy,
            $"The volume {name} on the Docker engine at {endpoint} is not clawker's: it has the labels {EngineText.Excerpt(ClawkerLabels.Describe(found))}, " +
            $"but clawker's volume has {ClawkerLabels.Managed}={ClawkerLabels.ManagedValue} and {ClawkerLabels.Purpose}={purpose}. " +
            $"Clawker will not adopt it. Save its data if you need it (for example `docker run --rm -v {name}:/from -v \"$PWD\":/to IMAGE cp -a /from/. /to/`), " +
            $"then remove it with `docker volume rm {name}`; the next run recreates it with the right labels.");
    }
}
