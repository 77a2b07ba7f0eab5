using Clawker.Docker;
using Docker.DotNet;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// The private Docker engine the test scripts start (build/services/dockerd.sh or podman.sh
/// export DOCKER_HOST). Read-only access to the environment: tests never change it. What needs the
/// library's internals (visible to Clawker.Tests only) is in that project's TestEngine.Internals.cs.
/// </summary>
internal static partial class TestEngine
{
    private const string DockerCli = "/usr/bin/docker";

    /// <summary>The engine's endpoint, or <see langword="null"/> when no private engine was started.</summary>
    public static string? Host => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : null;

    /// <summary>
    /// Clawker's endpoint options for <see cref="Host"/>, given explicitly. The connect bound is
    /// generous: on a loaded 2-core machine eight parallel connects to podman took over the 5 s
    /// default; tests of the bounds themselves set their own.
    /// </summary>
    public static DockerEndpointOptions Options => new() { Host = Host, HostOptionName = "DOCKER_HOST of the test run", ConnectTimeout = TimeSpan.FromSeconds(60) };

    /// <summary>Skips (or fails in CI) unless an engine is here.</summary>
    public static void Require() =>
        Integration.Require(Host is not null, "DOCKER_HOST is not set: start an engine with eval \"$(build/services/dockerd.sh start)\"");

    /// <summary>
    /// Skips (or fails in CI) unless an engine is here, its socket (for a unix:// endpoint) exists
    /// and the docker CLI, which checks results independently of Clawker, is installed.
    /// </summary>
    public static string RequireWithCli()
    {
        var host = Host;
        var socketThere = host is not null && (!host.StartsWith("unix://", StringComparison.Ordinal) || File.Exists(host["unix://".Length..]));
        Integration.Require(socketThere, "No Docker engine: start one with eval \"$(build/services/dockerd.sh start)\" (sets DOCKER_HOST).");
        Integration.Require(File.Exists(DockerCli), $"The docker CLI ({DockerCli}, package docker.io) checks the results.");
        return host!;
    }

    /// <summary>Runs the docker CLI against <see cref="Host"/>.</summary>
    public static Task<ProcessResult> CliAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(DockerCli, ["-H", Host!, .. arguments], Path.GetTempPath());

    /// <summary>A raw Docker.DotNet client on <see cref="Host"/>, for test set-up and checks.</summary>
    public static DockerClient Client() =>
        new DockerClientBuilder().WithEndpoint(new Uri(Host ?? throw new InvalidOperationException("DOCKER_HOST is not set"))).Build();

    /// <summary>A volume purpose no other test uses, so tests can run in parallel on one engine.</summary>
    public static string NewPurpose() => "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A name no other test (or earlier run) uses: <c>prefix-xxxxxxxx</c>.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Removes a test volume; one already gone or still in use is not the test's concern.</summary>
    public static async Task RemoveVolumeAsync(DockerEngine engine, string name)
    {
        try
        {
            await engine.Client.Volumes.RemoveAsync(name, force: true);
        }
        catch (DockerApiException)
        {
        }
    }
}
