using Clawker.Diagnostics;
using Clawker.Docker;
using Clawker.GlobalsLogin;
using Clawker.Keyring;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// The login the agents will use: after the host's, <c>.credentials.json</c> on the
/// <c>clawker-globals</c> volume (<see cref="GlobalsLoginCheck"/>), when a Docker engine answers;
/// opt-in, it seeds an empty volume with the host's login.
/// </summary>
public sealed partial class ValidateClawkerCredentials
{
    /// <summary><c>ClawkerDockerHost</c>: the engine whose <c>clawker-globals</c> is checked; empty for <c>DOCKER_HOST</c>, then docker contexts, then the default socket.</summary>
    public string? DockerHost { get; set; }

    /// <summary><c>ClawkerDockerCertPath</c>: the folder with ca.pem, cert.pem and key.pem for TLS; empty for <c>DOCKER_CERT_PATH</c>, else the docker config folder.</summary>
    public string? DockerCertPath { get; set; }

    /// <summary><c>ClawkerDockerTlsVerify</c>: <c>true</c> for TLS with verification, <c>false</c> to ignore <c>DOCKER_TLS_VERIFY</c>; empty follows <c>DOCKER_TLS_VERIFY</c>.</summary>
    public string? DockerTlsVerify { get; set; }

    /// <summary><c>ClawkerConnectTimeout</c> in milliseconds; empty for 5000.</summary>
    public string? ConnectTimeout { get; set; }

    /// <summary><c>ClawkerRequestTimeout</c> in milliseconds; empty for 30000.</summary>
    public string? RequestTimeout { get; set; }

    /// <summary><c>ClawkerEngineUnreachable</c>: empty (the volume is checked when an engine answers; a note otherwise), or <c>Error</c>, <c>Warning</c>, <c>Ignore</c>.</summary>
    public string? EngineUnreachable { get; set; }

    /// <summary><c>ClawkerSeedGlobalsLogin</c>: copy the host's login into an empty <c>clawker-globals</c> (off by default: host and agents then share one refresh token).</summary>
    public bool SeedGlobalsLogin { get; set; }

    /// <summary><c>ClawkerAgentUid</c>: the seeded file's owner; empty for 1001.</summary>
    public string? AgentUid { get; set; }

    /// <summary><c>ClawkerAgentGid</c>: the seeded file's group; empty for 1001.</summary>
    public string? AgentGid { get; set; }

    /// <summary>What was found on the volume: <c>NotChecked</c>, <c>NoVolume</c>, <c>NoLogin</c>, <c>LoginFound</c> or <c>Seeded</c>.</summary>
    [Output]
    public string GlobalsLoginOutcome { get; private set; } = string.Empty;

    /// <summary>Tests: adjusts the volume check's options (its volume, the engine).</summary>
    internal Func<GlobalsLoginOptions, GlobalsLoginOptions> ConfigureGlobalsLogin { get; set; } = o => o;

    /// <inheritdoc />
    private protected override void Run(CancellationToken cancellationToken)
    {
        var host = RunHost(cancellationToken);
        var unreachable = ClawkerSettingParser.Text(EngineUnreachable) is null
            ? (ClawkerPolicy?)null
            : ClawkerSettingParser.Policy(SettingKeys.EngineUnreachable, EngineUnreachable, ClawkerPolicy.Error);
        Policies = Policies with { EngineUnreachable = unreachable ?? ClawkerPolicy.Error };
        var options = ConfigureGlobalsLogin(new GlobalsLoginOptions
        {
            Endpoint = DockerEndpointOptions.Create(
                DockerHost,
                SettingNames.Property(SettingKeys.DockerHost),
                ConfigureOptions(new CredentialCheckOptions()).Environment,
                ClawkerSettingParser.Milliseconds(SettingKeys.ConnectTimeout, ConnectTimeout),
                ClawkerSettingParser.Milliseconds(SettingKeys.RequestTimeout, RequestTimeout)) with
            {
                CertPath = DockerCertPath,
                TlsVerify = ClawkerSettingParser.Flag(SettingKeys.DockerTlsVerify, DockerTlsVerify),
            },
            EngineUnreachable = unreachable,
            Policies = Policies,
            Seed = SeedGlobalsLogin,
            HostLogin = host?.RawBlob,
            Uid = ClawkerSettingParser.Text(AgentUid) ?? Bundling.ImageOptions.DefaultUid,
            Gid = ClawkerSettingParser.Text(AgentGid) ?? Bundling.ImageOptions.DefaultGid,
        });

        var report = GlobalsLoginCheck.RunAsync(options, cancellationToken).GetAwaiter().GetResult();
        GlobalsLoginOutcome = report.Outcome.ToString();
        foreach (var note in report.Notes)
        {
            Log.LogMessage(report.Outcome == Clawker.GlobalsLogin.GlobalsLoginOutcome.NotChecked ? MessageImportance.Low : MessageImportance.Normal, "Clawker credentials: {0}", note);
        }

        report.Findings.ToList().ForEach(Relay);
        if (report.Login is not null)
        {
            Log.LogMessage(MessageImportance.Normal, "Clawker credentials: {0}", report);
        }
    }
}
