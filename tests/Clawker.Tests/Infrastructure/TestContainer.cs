using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.Tests.Infrastructure;

/// <summary>What a finished test container left behind.</summary>
internal sealed record ContainerRun(long ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs one container to completion on the test engine (no network: the engine has no bridge),
/// collects its output and removes it, like <c>docker run --rm --network none</c>.
/// </summary>
internal static class TestContainer
{
    public static async Task<ContainerRun> RunAsync(
        DockerClient client,
        string image,
        IList<string>? command = null,
        IList<Mount>? mounts = null,
        string? user = null,
        IList<string>? entrypoint = null,
        CancellationToken cancellationToken = default)
    {
        var created = await client.Containers.CreateContainerAsync(
            new CreateContainerParameters
            {
                Image = image,
                Cmd = command!,
                Entrypoint = entrypoint!,
                User = user!,
                Labels = new Dictionary<string, string> { ["com.clawker.test"] = "true" },
                HostConfig = new HostConfig { NetworkMode = "none", Mounts = mounts },
            },
            cancellationToken);
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
            var waited = await client.Containers.WaitContainerAsync(created.ID, cancellationToken);
            using var logs = await client.Containers.GetContainerLogsAsync(
                created.ID, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken);
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(cancellationToken);
            return new ContainerRun(waited.StatusCode, stdout, stderr);
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }
}
