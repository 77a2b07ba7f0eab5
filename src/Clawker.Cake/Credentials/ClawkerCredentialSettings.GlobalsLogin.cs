using Cake.Core.IO;
using Clawker.Diagnostics;

namespace Clawker.Cake.Credentials;

/// <summary>The settings of the check of the login on <c>clawker-globals</c>, the one the agents use.</summary>
public sealed partial class ClawkerCredentialSettings
{
    /// <summary>
    /// What an unreachable engine (CLAWKER2001) does to the volume check. Unset (the default): the
    /// volume is checked when an engine answers, and a verbose line says when none did; set, that
    /// policy. MSBuild: <c>ClawkerEngineUnreachable</c>.
    /// </summary>
    public ClawkerPolicy? EngineUnreachable { get; set; }

    /// <summary>
    /// Opt-in: when <c>clawker-globals</c> has no login and the host's passed, copy the host's there
    /// (mode 0600, owned by <see cref="AgentUid"/>:<see cref="AgentGid"/>), never over an existing one.
    /// Host and agents then share one refresh token: a refresh on one side can log the other out; for CI
    /// prefer <c>claude setup-token</c> and <c>CLAUDE_CODE_OAUTH_TOKEN</c>. MSBuild: <c>ClawkerSeedGlobalsLogin</c>.
    /// </summary>
    public bool SeedGlobalsLogin { get; set; }

    /// <summary>
    /// A file to record a passed check of the volume's login in (no token), so that runs soon after
    /// it do not read the volume again (for 15 minutes, never near the login's expiry); unset (the
    /// default): the volume is read every time. MSBuild: <c>ClawkerGlobalsLoginRecord</c> (on by default there, beside the intermediate output).
    /// </summary>
    public FilePath? GlobalsLoginRecord { get; set; }

    /// <summary>The agent's numeric uid, the seeded file's owner; unset: <c>1001</c>. MSBuild: <c>ClawkerAgentUid</c>.</summary>
    public string? AgentUid { get; set; }

    /// <summary>The agent's numeric gid, the seeded file's group; unset: <c>1001</c>. MSBuild: <c>ClawkerAgentGid</c>.</summary>
    public string? AgentGid { get; set; }
}
