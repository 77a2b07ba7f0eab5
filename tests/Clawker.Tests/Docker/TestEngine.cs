using Clawker.Docker;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Docker;

/// <summary>The private dockerd started by build/services/dockerd.sh, found through DOCKER_HOST.</summary>
internal static class TestEngine
{
    public static string? Host => Environment.GetEnvironmentVariable("DOCKER_HOST");

    public static DockerEndpointOptions Options => new() { Host = Host, HostOptionName = "DOCKER_HOST of the test run" };

    public static void Require() =>
        Integration.Require(!string.IsNullOrEmpty(Host), "DOCKER_HOST is not set: eval \"$(build/services/dockerd.sh start)\" first");

    public static Task<DockerEngine> ConnectAsync()
    {
        Require();
        return DockerEngine.ConnectAsync(Options, TestContext.Current.CancellationToken);
    }

    /// <summary>A purpose no other test uses, so tests can run in parallel on one engine.</summary>
    public static string NewPurpose() => "test-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task RemoveVolumeAsync(DockerEngine engine, string name)
    {
        try
        {
            await engine.Client.Volumes.RemoveAsync(name, force: true);
        }
        catch (global::Docker.DotNet.DockerApiException)
        {
            // Already gone or in use: not the test's concern.
        }
    }
}
