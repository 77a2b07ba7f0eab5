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

    /// <summary><c>ClawkerGlobalsLoginRecord</c>: the file a passed volume check is recorded in (the targets default it beside the intermediate output); empty: none.</summary>
    public string? GlobalsLoginRecord { get; set; }

    /// <summary>What was found on the volume: <c>NotChecked</c>, <c>NoVolume</c>, <c>NoLogin</c>, <c>LoginFound</c> or <c>Seeded</c>.</summary>
    [Output]
    public string GlobalsLoginOutcome { get; private set; } = string.Empty;

    /// <summary>Tests: adjusts the volume check's options (its volume, the engine).</summary>
    internal Func<GlobalsLoginOptions, GlobalsLoginOptions> ConfigureGlobalsLogin { get; set; } = o => o;

    /// <summary>
    /// The <c>dotnet run</c> hook (<c>ClawkerPrepare</c> sets it when <c>ClawkerEnsureGlobalsVolumeOnRun</c>
    /// is on too): after the login checks, ensure <c>clawker-globals</c> as <c>EnsureClawkerGlobalsVolume</c>
    /// does, on the same engine connection. The target alone leaves it <see langword="false"/>.
    /// </summary>
    public bool EnsureGlobalsVolume { get; set; }

    /// <summary>With <see cref="EnsureGlobalsVolume"/>: the volume's name, <c>clawker-globals</c> (<c>ClawkerGlobalsVolumeName</c>); empty otherwise.</summary>
    [Output]
    public string GlobalsVolumeName { get; private set; } = string.Empty;

    /// <inheritdoc />
    private protected override void Run(CancellationToken cancellationToken)
    {
        // The engine connect runs while the host's login is checked; a failure of either fails the
        // task as it did when each step connected on its own (a credential error first, and alone).
        using var connection = EngineConnection.Start(() => EndpointOptions(ConfigureOptions(new CredentialCheckOptions()).Environment), cancellationToken);
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
            RecordFile = ClawkerSettingParser.Text(GlobalsLoginRecord),
        });

        var report = GlobalsLoginCheck.RunOnAsync(connection, options, cancellationToken).GetAwaiter().GetResult();
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

        if (EnsureGlobalsVolume)
        {
            // An unreachable engine is CLAWKER2001 under ClawkerEngineUnreachable (Error when unset), as for the ensure alone;
            // the connection's own findings were relayed with the login check's.
            var engine = connection.GetEngineAsync(cancellationToken).GetAwaiter().GetResult();
            GlobalsVolumeName = EnsureClawkerGlobalsVolume.Ensure(engine, this, cancellationToken).Name;
        }
    }
}
