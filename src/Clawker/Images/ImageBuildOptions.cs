namespace Clawker.Images;

/// <summary>How <see cref="AgentImageBuilder"/> builds an agent image.</summary>
public sealed record ImageBuildOptions
{
    /// <summary>
    /// Build even when the content-addressed <c>sha-</c> tag already exists on the engine
    /// (<c>--force</c>, <c>ClawkerForceImageBuild</c>). The engine's layer cache still applies;
    /// combine with <see cref="NoCache"/> to rebuild every step.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>Ignore the engine's layer cache (<c>docker build --no-cache</c>).</summary>
    public bool NoCache { get; init; }
}
