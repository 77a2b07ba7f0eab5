using Clawker.Docker;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Makes sure the <c>clawker-globals</c> Docker volume exists with clawker's labels
/// (<see cref="GlobalsVolume.EnsureAsync"/>). Target <c>ClawkerEnsureGlobalsVolume</c>; errors
/// <c>CLAWKER2001</c>-<c>CLAWKER2004</c>.
/// </summary>
public sealed class EnsureClawkerGlobalsVolume : ClawkerTask
{
    /// <summary><c>ClawkerDockerHost</c>: the engine address; empty for <c>DOCKER_HOST</c>, then docker contexts, then the default socket.</summary>
    public string? DockerHost { get; set; }

    /// <summary>The volume's name, <c>clawker-globals</c>.</summary>
    [Output]
    public string VolumeName { get; private set; } = string.Empty;

    /// <summary><c>Created</c> or <c>AlreadyExisted</c>.</summary>
    [Output]
    public string Outcome { get; private set; } = string.Empty;

    /// <summary>Tests: adjusts the endpoint options (timeouts, environment) before connecting.</summary>
    internal Func<DockerEndpointOptions, DockerEndpointOptions> ConfigureOptions { get; set; } = o => o;

    /// <inheritdoc />
    protected override void Run(CancellationToken cancellationToken)
    {
        var options = ConfigureOptions(new DockerEndpointOptions
        {
            Host = string.IsNullOrWhiteSpace(DockerHost) ? null : DockerHost.Trim(),
            HostOptionName = "ClawkerDockerHost",
        });

        using var engine = DockerEngine.ConnectAsync(options, cancellationToken).GetAwaiter().GetResult();
        var result = GlobalsVolume.EnsureAsync(engine, cancellationToken).GetAwaiter().GetResult();

        VolumeName = result.Name;
        Outcome = result.Outcome.ToString();
        Log.LogMessage(MessageImportance.Normal, "Clawker volume {0}", result);
    }
}
