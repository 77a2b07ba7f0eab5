using Clawker.Cake.Bundling;

namespace Clawker.Cake.Images;

/// <summary>Settings of <see cref="ClawkerImageAliases.ClawkerBuildImage"/>; the defaults match the MSBuild properties.</summary>
public sealed class ClawkerImageBuildSettings
{
    /// <summary>The bundle to build, as <c>ClawkerBundleImage</c> returned it.</summary>
    public ClawkerBundleResult? Bundle { get; set; }

    /// <summary>The engine address (MSBuild: <c>ClawkerDockerHost</c>); empty for <c>DOCKER_HOST</c>, then docker contexts, then the default socket.</summary>
    public string? DockerHost { get; set; }

    /// <summary>
    /// The folder with the engine's TLS files (<c>ca.pem</c>, <c>cert.pem</c>, <c>key.pem</c>), winning over
    /// <c>DOCKER_CERT_PATH</c>; unset: <c>DOCKER_CERT_PATH</c>, else the docker config folder. MSBuild: <c>ClawkerDockerCertPath</c>.
    /// </summary>
    public string? DockerCertPath { get; set; }

    /// <summary>
    /// <see langword="true"/>: TLS with verification to a <c>tcp://</c> engine (the docker CLI's <c>--tlsverify</c>);
    /// <see langword="false"/>: ignore <c>DOCKER_TLS_VERIFY</c>; unset: follow <c>DOCKER_TLS_VERIFY</c>. MSBuild: <c>ClawkerDockerTlsVerify</c>.
    /// </summary>
    public bool? DockerTlsVerify { get; set; }

    /// <summary>Bound of connecting and the version check; the library's default when null. MSBuild: <c>ClawkerConnectTimeout</c> (milliseconds).</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>
    /// Bound of each request other than the build itself (image inspect, tag), and of how long the
    /// engine may take to start answering the build once it has the context; the library's default when null.
    /// MSBuild: <c>ClawkerRequestTimeout</c> (milliseconds).
    /// </summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>Build even when the <c>sha-</c> tag exists (<c>ClawkerImageForceBuild</c>, <c>--force</c>).</summary>
    public bool ImageForceBuild { get; set; }

    /// <summary>Ignore the engine's layer cache (<c>ClawkerImageNoCache</c>).</summary>
    public bool ImageNoCache { get; set; }

    /// <summary>Which builder: <c>Auto</c> (BuildKit when the engine offers it), <c>BuildKit</c> or <c>Classic</c>. MSBuild: <c>ClawkerImageBuilder</c>.</summary>
    public Clawker.Images.ImageBuilderKind ImageBuilder { get; set; }

    /// <summary>Old name of <see cref="ImageForceBuild"/>.</summary>
    [Obsolete("Use ImageForceBuild (MSBuild: ClawkerImageForceBuild).")]
    public bool Force { get => ImageForceBuild; set => ImageForceBuild = value; }

    /// <summary>Old name of <see cref="ImageNoCache"/>.</summary>
    [Obsolete("Use ImageNoCache (MSBuild: ClawkerImageNoCache).")]
    public bool NoCache { get => ImageNoCache; set => ImageNoCache = value; }
}
