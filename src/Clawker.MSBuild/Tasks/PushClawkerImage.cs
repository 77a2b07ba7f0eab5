using Clawker.Images;
using Clawker.Publishing;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Pushes the agent image to <c>ClawkerRegistry</c>
/// (<see cref="AgentImagePusher.PushAsync(Docker.DockerEngine, string, string, string, ImagePushOptions, IProgress{string}?, CancellationToken)"/>):
/// builds it first when the engine lacks it, and pushes nothing when the registry already has the
/// <c>sha-</c> tag with its digest. Target <c>ClawkerPushImage</c>; errors <c>CLAWKER6001</c>-<c>CLAWKER6010</c>.
/// </summary>
public sealed class PushClawkerImage : BundledImageTask
{
    /// <summary><c>ClawkerRegistry</c>: the registry and path, for example <c>registry.example.com/team</c>.</summary>
    public string? Registry { get; set; }

    /// <summary><c>ClawkerRegistryUsername</c>: the user for <see cref="RegistryPasswordVariable"/>.</summary>
    public string? RegistryUsername { get; set; }

    /// <summary><c>ClawkerRegistryPasswordVariable</c>: the NAME of the environment variable holding the password.</summary>
    public string? RegistryPasswordVariable { get; set; }

    /// <summary><c>ClawkerImageForcePush</c>: push even when the registry has the tag with this digest.</summary>
    public bool Force { get; set; }

    /// <summary>The pushed manifest digest (<c>sha256:...</c>).</summary>
    [Output]
    public string Digest { get; private set; } = string.Empty;

    /// <summary><c>&lt;repository&gt;@sha256:...</c>: what deployments pin.</summary>
    [Output]
    public string DigestReference { get; private set; } = string.Empty;

    /// <summary>The registry tag, <c>&lt;repository&gt;:sha-&lt;hash&gt;</c>.</summary>
    [Output]
    public string PushedTag { get; private set; } = string.Empty;

    /// <summary>Whether nothing was pushed because the registry already had it.</summary>
    [Output]
    public bool Skipped { get; private set; }

    /// <inheritdoc />
    private protected override void Run(CancellationToken cancellationToken)
    {
        using var engine = Connect(cancellationToken);
        var options = new ImagePushOptions
        {
            Registry = Registry,
            RegistryUsername = RegistryUsername,
            RegistryPasswordVariable = RegistryPasswordVariable,
            Force = Force,
            Build = new ImageBuildOptions(),
        };
        var result = AgentImagePusher.PushAsync(engine, TarPath, Tag, ContentHash, options, EngineProgress(), cancellationToken).GetAwaiter().GetResult();

        Digest = result.Digest;
        DigestReference = result.DigestReference;
        PushedTag = result.Tag;
        Skipped = result.Skipped;
        Log.LogMessage(
            MessageImportance.High,
            result.Skipped ? "Clawker image {0} is already in the registry (push skipped): {1}" : "Clawker image {0} pushed: {1}",
            result.Tag,
            result.DigestReference);
    }
}
