namespace Clawker.Docker;

/// <summary>What ensuring a volume did.</summary>
public enum VolumeEnsureOutcome
{
    /// <summary>The volume was missing and this call created it (or lost a create race to another clawker, which is as good).</summary>
    Created,

    /// <summary>The volume already existed with clawker's labels; nothing was changed.</summary>
    AlreadyExisted,
}

/// <summary>The result of ensuring a clawker volume.</summary>
/// <param name="Name">The volume's name, for example <c>clawker-globals</c>.</param>
/// <param name="Outcome">Whether it was created or already there.</param>
/// <param name="Endpoint">The engine it lives on, and how that engine was chosen.</param>
public sealed record VolumeEnsureResult(string Name, VolumeEnsureOutcome Outcome, DockerEndpoint Endpoint)
{
    /// <summary>One line for logs, for example <c>clawker-globals: AlreadyExisted on unix:///var/run/docker.sock (from DOCKER_HOST)</c>.</summary>
    public override string ToString() => $"{Name}: {Outcome} on {Endpoint}";
}
