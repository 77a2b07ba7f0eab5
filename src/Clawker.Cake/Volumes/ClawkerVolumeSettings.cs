namespace Clawker.Cake.Volumes;

/// <summary>
/// Settings of <see cref="ClawkerVolumeAliases.ClawkerEnsureGlobalsVolume(global::Cake.Core.ICakeContext, ClawkerVolumeSettings)"/>:
/// which Docker engine to use, how long to wait, and what an unreachable engine does.
/// </summary>
public sealed class ClawkerVolumeSettings
{
    /// <summary>
    /// The engine address (<c>unix:///path</c>, <c>tcp://host:port</c>, <c>npipe://...</c>). Unset: <c>DOCKER_HOST</c>,
    /// then <c>DOCKER_CONTEXT</c> / the current docker context, then the default socket, as the docker CLI does.
    /// MSBuild: <c>ClawkerDockerHost</c>.
    /// </summary>
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

    /// <summary>Bound on connecting and the first exchange with the engine; unset means 5 seconds. MSBuild: <c>ClawkerConnectTimeout</c> (milliseconds).</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>Bound on each later API request; unset means 30 seconds. MSBuild: <c>ClawkerRequestTimeout</c> (milliseconds).</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>
    /// What an unreachable engine (CLAWKER2001) does. <see cref="ClawkerPolicy.Error"/> by default: a step that
    /// needs the volume must not pass without it. <see cref="ClawkerPolicy.Warning"/> suits builds that run on
    /// machines with and without Docker: the alias logs the reason and the fix, and returns
    /// <see cref="ClawkerVolumeOutcome.EngineUnreachable"/>. Other engine errors always fail. MSBuild: <c>ClawkerEngineUnreachable</c>.
    /// </summary>
    public ClawkerPolicy EngineUnreachable { get; set; } = ClawkerPolicy.Error;
}
