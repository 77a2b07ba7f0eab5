using Clawker.Diagnostics;
using Clawker.Docker;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Base of the tasks that talk to the Docker engine: the engine address, its TLS files, the timeouts
/// and what an unreachable engine does (<c>ClawkerEngineUnreachable</c>; the library classifies CLAWKER2001
/// against it, and under Warning or Ignore the task ends without its outputs). The one place the
/// engine properties are declared and mapped to <see cref="DockerEndpointOptions"/>.
/// </summary>
public abstract class EngineTask : ClawkerTask
{
    /// <summary>Only this assembly's tasks derive from it.</summary>
    private protected EngineTask()
    {
    }

    /// <summary><c>ClawkerDockerHost</c>: the engine address; empty for <c>DOCKER_HOST</c>, then docker contexts, then the default socket.</summary>
    public string? DockerHost { get; set; }

    /// <summary><c>ClawkerDockerCertPath</c>: the folder with ca.pem, cert.pem and key.pem for TLS; empty for <c>DOCKER_CERT_PATH</c>, else the docker config folder.</summary>
    public string? DockerCertPath { get; set; }

    /// <summary><c>ClawkerDockerTlsVerify</c>: <c>true</c> for TLS with verification, <c>false</c> to ignore <c>DOCKER_TLS_VERIFY</c>; empty follows <c>DOCKER_TLS_VERIFY</c>.</summary>
    public string? DockerTlsVerify { get; set; }

    /// <summary><c>ClawkerConnectTimeout</c>: bound on connecting and the version check, in milliseconds; empty for 5000.</summary>
    public string? ConnectTimeout { get; set; }

    /// <summary><c>ClawkerRequestTimeout</c>: bound on each later request, in milliseconds; empty for 30000.</summary>
    public string? RequestTimeout { get; set; }

    /// <summary><c>ClawkerEngineUnreachable</c>: <c>Error</c> (default), <c>Warning</c> or <c>Ignore</c>; the credential check: empty checks the volume only when an engine answers.</summary>
    public string? EngineUnreachable { get; set; }

    /// <summary>Tests: adjusts the endpoint options (timeouts, environment) before connecting.</summary>
    internal Func<DockerEndpointOptions, DockerEndpointOptions> ConfigureEndpoint { get; set; } = o => o;

    /// <summary>The engine properties as the library's endpoint options (parsing them; a malformed one is CLAWKER5002).</summary>
    /// <param name="environment">The environment; the process's when null.</param>
    /// <returns>The options, after <see cref="ConfigureEndpoint"/>.</returns>
    private protected DockerEndpointOptions EndpointOptions(ClawkerEnvironment? environment = null) =>
        ConfigureEndpoint(DockerEndpointOptions.Create(
            DockerHost,
            SettingNames.Property(SettingKeys.DockerHost),
            environment,
            ClawkerSettingParser.Milliseconds(SettingKeys.ConnectTimeout, ConnectTimeout),
            ClawkerSettingParser.Milliseconds(SettingKeys.RequestTimeout, RequestTimeout)) with
        {
            CertPath = DockerCertPath,
            TlsVerify = ClawkerSettingParser.Flag(SettingKeys.DockerTlsVerify, DockerTlsVerify),
        });

    /// <summary>Reads the engine settings (setting the policies) and connects.</summary>
    /// <param name="cancellationToken">Cancelled when the build is.</param>
    /// <returns>The connected engine.</returns>
    private protected DockerEngine Connect(CancellationToken cancellationToken)
    {
        Policies = ClawkerPolicies.Default with
        {
            EngineUnreachable = ClawkerSettingParser.Policy(SettingKeys.EngineUnreachable, EngineUnreachable, ClawkerPolicy.Error),
        };
        var engine = DockerEngine.ConnectAsync(EndpointOptions(), cancellationToken).GetAwaiter().GetResult();
        // The library's findings about the connection (TLS without verification), relayed as classified.
        foreach (var finding in engine.Endpoint.Findings)
        {
            Relay(finding);
        }

        return engine;
    }
}
