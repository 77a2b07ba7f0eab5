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

    /// <summary>Which builder: <see cref="ImageBuilderKind.Auto"/> (default), BuildKit or classic (<c>ClawkerImageBuilder</c>).</summary>
    public ImageBuilderKind Builder { get; init; }

    /// <summary>
    /// Build arguments, platform and pull for the overload that takes a tar path; the
    /// <see cref="Clawker.Bundling.BundleResult"/> overload uses the bundle's (what its hash covers).
    /// </summary>
    public ImageBuildInputs Inputs { get; init; } = ImageBuildInputs.None;

    /// <summary>
    /// Where <c>DOCKER_CONFIG</c>, the home folder and <c>PATH</c> come from when a base image on a
    /// registry needs the docker CLI's credentials (config.json, credential helpers);
    /// <see langword="null"/> for the process.
    /// </summary>
    public ClawkerEnvironment? Environment { get; init; }

    /// <summary>The bound of one <c>docker-credential-&lt;name&gt; get</c> for a base image's registry.</summary>
    internal TimeSpan CredentialHelperTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Set once Clawker pulled the base images itself: the build must not pull them again.</summary>
    internal bool BasesPulled { get; init; }

    /// <summary>Tests: the network of BuildKit's RUN steps (the private test engine has no bridge); null for the engine's default.</summary>
    internal string? NetworkMode { get; init; }
}
