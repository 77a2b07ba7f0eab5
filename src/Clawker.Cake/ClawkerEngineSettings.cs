namespace Clawker.Cake;

/// <summary>
/// The Docker engine settings every engine-using alias shares (volume, image build, image push, the
/// credential check's volume part): one set of names and one mapping to the library's endpoint options.
/// </summary>
public abstract class ClawkerEngineSettings
{
    /// <summary>Only the addin's settings classes derive from it.</summary>
    private protected ClawkerEngineSettings()
    {
    }

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

    /// <summary>
    /// Bound on each later API request (not the build or push streams themselves, but how long the engine may take to
    /// start answering them); unset means 30 seconds. MSBuild: <c>ClawkerRequestTimeout</c> (milliseconds).
    /// </summary>
    public TimeSpan? RequestTimeout { get; set; }
}
