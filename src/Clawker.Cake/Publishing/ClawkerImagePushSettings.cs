using Clawker.Cake.Bundling;

namespace Clawker.Cake.Publishing;

/// <summary>Settings of <see cref="ClawkerImagePushAliases.ClawkerPushImage"/>; the defaults match the MSBuild properties.</summary>
public sealed class ClawkerImagePushSettings
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

    /// <summary>The engine address (MSBuild: <c>ClawkerDockerHost</c>); empty for <c>DOCKER_HOST</c>, then docker contexts, then the default socket.</summary>
    public string? DockerHost { get; set; }

    /// <summary>Bound of connecting and the version check; the library's default when null. MSBuild: <c>ClawkerConnectTimeout</c> (milliseconds).</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>Bound of each engine request other than the push and build streams; the library's default when null. MSBuild: <c>ClawkerRequestTimeout</c>.</summary>
    public TimeSpan? RequestTimeout { get; set; }
}
