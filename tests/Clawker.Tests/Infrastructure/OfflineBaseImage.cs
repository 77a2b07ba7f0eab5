using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// Imports <see cref="OfflineRootFs"/> into the test engine as <c>clawker-test-base:&lt;hash&gt;</c>
/// through the Engine API (what <c>docker import</c> does), once per engine and process; an
/// earlier run's import with the same content is reused.
/// </summary>
internal static class OfflineBaseImage
{
    public const string Repository = "clawker-test-base";

    /// <summary>
    /// Image config set at import. ~/.local/bin comes first on PATH: Claude Code's native
    /// installer puts <c>claude</c> there, and so do the tests for their stand-in.
    /// </summary>
    private static readonly string[] Changes = ["ENV PATH=/home/claude/.local/bin:/usr/local/bin:/usr/bin:/bin", "CMD [\"/bin/sh\"]"];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Imported = new(StringComparer.Ordinal);

    /// <summary>Makes sure the base image exists on <see cref="TestEngine.Host"/>; returns its reference.</summary>
    public static async Task<string> EnsureAsync(CancellationToken cancellationToken = default)
    {
        var host = TestEngine.Host ?? throw new InvalidOperationException("DOCKER_HOST is not set");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (Imported.TryGetValue(host, out var known))
            {
                return known;
            }

            var tar = OfflineRootFs.BuildTar();
            var reference = $"{Repository}:{OfflineRootFs.ContentTag(tar, string.Join("\n", Changes))}";
            using var client = TestEngine.Client();
            if (!await ExistsAsync(client, reference, cancellationToken))
            {
                await ImportAsync(client, tar, reference, cancellationToken);
            }

            Imported[host] = reference;
            return reference;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<bool> ExistsAsync(DockerClient client, string reference, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.InspectImageAsync(reference, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static async Task ImportAsync(DockerClient client, byte[] tar, string reference, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        using var source = new MemoryStream(tar, writable: false);
        await client.Images.CreateImageAsync(
            new ImagesCreateParameters
            {
                FromSrc = "-",
                // The tag inside repo: podman's compat import ignores the tag parameter (imports :latest).
                Repo = reference,
                Changes = [.. Changes],
            },
            source,
            authConfig: null,
            new Progress<JSONMessage>(m =>
            {
                if (m.Error is not null)
                {
                    lock (errors)
                    {
                        errors.Add(m.Error.Message ?? "(no message)");
                    }
                }
            }),
            cancellationToken);

        // Progress<T> posts to the thread pool; an inspect afterwards is the reliable check.
        if (!await ExistsAsync(client, reference, cancellationToken))
        {
            throw new InvalidOperationException($"importing {reference} failed: {string.Join("; ", errors)}");
        }
    }
}
