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
            Endpoint = EndpointOptions(ConfigureOptions(new CredentialCheckOptions()).Environment),
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
