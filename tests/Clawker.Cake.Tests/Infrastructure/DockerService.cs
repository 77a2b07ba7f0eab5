using Clawker.Tests.Infrastructure;

namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>The private dockerd the test scripts start (build/services/dockerd.sh), found through DOCKER_HOST.</summary>
internal static class DockerService
{
    public static string? Host => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : null;

    /// <summary>Skips (locally) or fails (CI) unless a private engine and the docker CLI, used to check results independently, are there.</summary>
    public static string Require()
    {
        var host = Host;
        var socketThere = host is not null && (!host.StartsWith("unix://", StringComparison.Ordinal) || File.Exists(host["unix://".Length..]));
        Integration.Require(socketThere, "No Docker engine: start one with eval \"$(build/services/dockerd.sh start)\" (sets DOCKER_HOST).");
        Integration.Require(File.Exists("/usr/bin/docker"), "The docker CLI (/usr/bin/docker, package docker.io) checks the results.");
        return host!;
    }

    /// <summary>Runs the docker CLI against the private engine.</summary>
    public static Task<ProcessResult> CliAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("/usr/bin/docker", ["-H", Host!, .. arguments], Path.GetTempPath());
}
