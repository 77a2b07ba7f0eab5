using Cake.Core;
using Cake.Core.Diagnostics;
using Clawker.Cake.Diagnostics;
using Clawker.Docker;
using Clawker.GlobalsLogin;
using Clawker.Keyring;

namespace Clawker.Cake.Credentials;

/// <summary>The volume part of the credential alias: settings → the library's options, and its findings relayed.</summary>
internal static class GlobalsLoginMapping
{
    public static GlobalsLoginOptions ToGlobalsLoginOptions(this ClawkerCredentialSettings settings, ICakeEnvironment environment, CredentialCheckResult? host) => new()
    {
        Endpoint = settings.ToEndpointOptions(environment),
        EngineUnreachable = settings.EngineUnreachable,
        Policies = settings.ToPolicies(),
        Seed = settings.SeedGlobalsLogin,
        HostLogin = host?.RawBlob,
        Uid = string.IsNullOrWhiteSpace(settings.AgentUid) ? global::Clawker.Bundling.ImageOptions.DefaultUid : settings.AgentUid.Trim(),
        Gid = string.IsNullOrWhiteSpace(settings.AgentGid) ? global::Clawker.Bundling.ImageOptions.DefaultGid : settings.AgentGid.Trim(),
        RecordFile = settings.GlobalsLoginRecord?.MakeAbsolute(environment.WorkingDirectory).FullPath,
    };

    /// <summary>Checks the volume's login and relays what it found; its findings join <paramref name="findings"/>.</summary>
    public static GlobalsLoginReport CheckGlobalsLogin(this ICakeContext context, ClawkerCredentialSettings settings, CredentialCheckResult? host, List<ClawkerCredentialFinding> findings)
    {
        // Cake aliases are synchronous and Cake runs tasks without a synchronization context.
        var report = GlobalsLoginCheck.RunAsync(settings.ToGlobalsLoginOptions(context.Environment, host)).GetAwaiter().GetResult();
        foreach (var note in report.Notes)
        {
            if (report.Outcome == GlobalsLoginOutcome.NotChecked)
            {
                context.Log.Verbose("{0}", note);
            }
            else
            {
                context.Log.Information("{0}", note);
            }
        }

        foreach (var finding in report.Findings)
        {
            CakeFindings.Relay(context.Log, finding);
            findings.Add(new ClawkerCredentialFinding(finding.Code, finding.Message));
        }

        if (report.Login is not null)
        {
            context.Log.Information("{0}", report);
        }

        return report;
    }
}
