using Docker.DotNet.Models;

namespace Clawker.Docker;

/// <summary>
/// The <c>clawker-globals</c> volume: shared by every agent container, it holds Claude Code's
/// credentials so that one login serves all agents. Names, labels and mount point match the
/// Go clawker.
/// </summary>
public static class GlobalsVolume
{
    /// <summary>The volume's purpose label value.</summary>
    public const string Purpose = "globals";

    /// <summary>The volume's name, <c>clawker-globals</c>.</summary>
    public const string Name = ClawkerNames.VolumePrefix + Purpose;

    /// <summary>Where agent containers mount it: <c>~/.clawker-globals</c> of the <c>claude</c> user.</summary>
    public const string MountPoint = "/home/claude/.clawker-globals";

    /// <summary>The volume's labels: exactly <c>com.clawker.managed=true</c> and <c>com.clawker.purpose=globals</c>.</summary>
    public static IReadOnlyDictionary<string, string> Labels => ClawkerLabels.ForVolume(Purpose);

    /// <summary>The mount to add to an agent container's <c>HostConfig.Mounts</c>.</summary>
    public static Mount Mount() => ClawkerVolumes.Mount(Purpose, MountPoint);

    /// <summary>Makes sure <c>clawker-globals</c> exists with clawker's labels; see <see cref="ClawkerVolumes.EnsureAsync"/>.</summary>
    /// <param name="engine">The connected engine.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="Clawker.Diagnostics.ClawkerException">CLAWKER2001-2005, see docs/errors.md.</exception>
    public static Task<VolumeEnsureResult> EnsureAsync(DockerEngine engine, CancellationToken cancellationToken = default) =>
        ClawkerVolumes.EnsureAsync(engine, Purpose, cancellationToken);
}
