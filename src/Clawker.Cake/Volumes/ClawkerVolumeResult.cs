namespace Clawker.Cake.Volumes;

/// <summary>What <see cref="ClawkerVolumeAliases"/> did.</summary>
/// <param name="Name">The volume's name, for example <c>clawker-globals</c>.</param>
/// <param name="Outcome">Created, already there, or skipped because no engine answered.</param>
/// <param name="Endpoint">The engine, and how it was chosen (for example <c>unix:///run/docker.sock (from DOCKER_HOST)</c>).</param>
public sealed record ClawkerVolumeResult(string Name, ClawkerVolumeOutcome Outcome, string Endpoint)
{
    /// <summary>One line for logs.</summary>
    public override string ToString() => $"{Name}: {Outcome} on {Endpoint}";
}
