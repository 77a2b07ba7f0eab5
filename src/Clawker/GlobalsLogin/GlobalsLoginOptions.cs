using Clawker.Bundling;
using Clawker.Diagnostics;
using Clawker.Docker;
using Clawker.Keyring;

namespace Clawker.GlobalsLogin;

/// <summary>How <see cref="GlobalsLoginCheck"/> reads (and, opted in, seeds) the login on the <c>clawker-globals</c> volume.</summary>
public sealed class GlobalsLoginOptions
{
    /// <summary>The engine: address, timeouts and environment, as for the volume itself.</summary>
    public DockerEndpointOptions Endpoint { get; init; } = new();

    /// <summary>
    /// What an unreachable engine does. <see langword="null"/> (the default): the volume is checked
    /// when an engine answers, and a note says when none did; a policy: CLAWKER2001 under it
    /// (Error throws).
    /// </summary>
    public ClawkerPolicy? EngineUnreachable { get; init; }

    /// <summary>Classifies the findings about the login on the volume (for example CLAWKER1005).</summary>
    public ClawkerPolicies Policies { get; init; } = ClawkerPolicies.Default;

    /// <summary>
    /// Opt-in: when the volume has no login, write <see cref="HostLogin"/> there verbatim (mode 0600,
    /// owned by <see cref="Uid"/>:<see cref="Gid"/>), never over an existing one. Host and agents
    /// then share one refresh token: a refresh on one side can log the other out (docs/keyring.md).
    /// </summary>
    public bool Seed { get; init; }

    /// <summary>The host's login that passed the check (<see cref="CredentialCheckResult.RawBlob"/>), for <see cref="Seed"/>.</summary>
    public SecretBlob? HostLogin { get; init; }

    /// <summary>The agent's uid, as the image options give it; the seeded file's owner.</summary>
    public string Uid { get; init; } = ImageOptions.DefaultUid;

    /// <summary>The agent's gid, as the image options give it; the seeded file's group.</summary>
    public string Gid { get; init; } = ImageOptions.DefaultGid;

    /// <summary>
    /// A file to record a clean pass in (no token: the verdict, its time, the login's expiry and the
    /// volume's identity), so that checks soon after it do not read the volume again (reading it
    /// creates and removes a helper container). A matching record is used for 15 minutes, never
    /// within 5 minutes of the login's expiry, and not for seeding an empty volume; a volume made
    /// again is read again. Clawker overwrites only a record of its own there. <see langword="null"/>
    /// (the default): the volume is read every time.
    /// </summary>
    public string? RecordFile { get; init; }

    /// <summary>The clock that decides expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The volume (tests use their own).</summary>
    internal string VolumeName { get; init; } = GlobalsVolume.Name;
}
