using Clawker.Docker;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Makes sure the <c>clawker-globals</c> Docker volume exists with clawker's labels
/// (<see cref="GlobalsVolume.EnsureAsync"/>). Target <c>ClawkerEnsureGlobalsVolume</c>; errors
/// <c>CLAWKER2001</c> (policy <c>ClawkerEngineUnreachable</c>) to <c>CLAWKER2004</c>.
/// </summary>
public sealed class EnsureClawkerGlobalsVolume : EngineTask
{
    /// <summary>The volume's name, <c>clawker-globals</c>.</summary>
    [Output]
    public string VolumeName { get; private set; } = string.Empty;

    /// <summary><c>Created</c> or <c>AlreadyExisted</c>.</summary>
    [Output]
    public string Outcome { get; private set; } = string.Empty;

    /// <summary><c>ClawkerNativeTaskHost</c>: run in clawker-taskhost, the task compiled with Native AOT, where the package has one for this platform (linux-x64); default <see langword="false"/>, which the targets set to <see langword="true"/>.</summary>
    public bool UseNativeTaskHost { get; set; }

    /// <inheritdoc />
    private protected override bool RunsInNativeTaskHost => UseNativeTaskHost;

    /// <inheritdoc />
    private protected override void Run(CancellationToken cancellationToken)
    {
        using var engine = Connect(cancellationToken);
        var result = Ensure(engine, this, cancellationToken);
        VolumeName = result.Name;
        Outcome = result.Outcome.ToString();
    }

    /// <summary>The ensure and its message, for this task and the <c>dotnet run</c> hook's credential check.</summary>
    /// <param name="engine">The connected engine.</param>
    /// <param name="task">The task that logs.</param>
    /// <param name="cancellationToken">Cancelled when the build is.</param>
    /// <returns>What the library did.</returns>
    internal static VolumeEnsureResult Ensure(DockerEngine engine, ClawkerTask task, CancellationToken cancellationToken)
    {
        var result = GlobalsVolume.EnsureAsync(engine, cancellationToken).GetAwaiter().GetResult();
        task.Log.LogMessage(MessageImportance.Normal, "Clawker volume {0}", result);
        return result;
    }
}
