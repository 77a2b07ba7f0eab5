using Clawker.Cake.Bundling;

namespace Clawker.Cake.Publishing;

/// <summary>Settings of <see cref="ClawkerImagePushAliases.ClawkerPushImage"/>; the defaults match the MSBuild properties.</summary>
public sealed class ClawkerImagePushSettings : ClawkerEngineSettings
{
    /// <summary>The bundle whose image is pushed (built first when the engine lacks it), as <c>ClawkerBundleImage</c> returned it.</summary>
    public ClawkerBundleResult? Bundle { get; set; }

    /// <summary>The registry and path, for example <c>registry.example.com/team</c> (MSBuild: <c>ClawkerRegistry</c>).</summary>
    public string? Registry { get; set; }

    /// <summary>The registry user for <see cref="RegistryPasswordVariable"/> (MSBuild: <c>ClawkerRegistryUsername</c>); otherwise docker's config.json decides.</summary>
    public string? RegistryUsername { get; set; }

    /// <summary>
    /// The NAME of the environment variable holding the registry password or token, never the password
    /// itself (MSBuild: <c>ClawkerRegistryPasswordVariable</c>).
    /// </summary>
    public string? RegistryPasswordVariable { get; set; }

    /// <summary>Push even when the registry already has the <c>sha-</c> tag with this image's digest (MSBuild: <c>ClawkerImageForcePush</c>).</summary>
    public bool ImageForcePush { get; set; }
}
