using Clawker.Docker;
using Docker.DotNet;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// The private Docker engine the test scripts start (build/services/dockerd.sh exports
/// DOCKER_HOST). Read-only access to the environment: tests never change it.
/// </summary>
internal static class TestEngine
{
    /// <summary>The engine's endpoint, or <see langword="null"/> when no private engine was started.</summary>
    public static string? Host => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : null;

    /// <summary>Skips (or fails in CI) unless an engine and the offline base image's binaries are here.</summary>
    public static void Require()
    {
        Integration.Require(Host is not null, "DOCKER_HOST is not set: start an engine with build/services/dockerd.sh");
        Integration.Require(OfflineRootFs.Available, "bash-static and busybox-static are not installed (apt-get install bash-static busybox-static)");
    }

    /// <summary>A raw Docker.DotNet client on <see cref="Host"/>, for test set-up and checks.</summary>
    public static DockerClient Client() =>
        new DockerClientBuilder().WithEndpoint(new Uri(Host ?? throw new InvalidOperationException("DOCKER_HOST is not set"))).Build();

    /// <summary>
    /// Clawker's own engine client on <see cref="Host"/>, given explicitly (no process-wide
    /// environment changes); <paramref name="counter"/> counts its HTTP requests.
    /// </summary>
    public static Task<DockerEngine> ConnectAsync(RequestCounter? counter = null, CancellationToken cancellationToken = default) =>
        DockerEngine.ConnectAsync(
            new DockerEndpointOptions
            {
                Host = Host ?? throw new InvalidOperationException("DOCKER_HOST is not set"),
                WrapHandler = counter is null ? null : inner => counter.Wrap(inner),
            },
            cancellationToken);

    /// <summary>A name no other test (or earlier run) uses: <c>prefix-xxxxxxxx</c>.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
