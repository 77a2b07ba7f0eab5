namespace Clawker.Cake.Volumes;

/// <summary>
/// Settings of <see cref="ClawkerVolumeAliases.ClawkerEnsureGlobalsVolume(global::Cake.Core.ICakeContext, ClawkerVolumeSettings)"/>:
/// which Docker engine to use, how long to wait, and what an unreachable engine does.
/// </summary>
public sealed class ClawkerVolumeSettings : ClawkerEngineSettings
{
    /// <summary>
    /// What an unreachable engine (CLAWKER2001) does. <see cref="ClawkerPolicy.Error"/> by default: a step that
    /// needs the volume must not pass without it. <see cref="ClawkerPolicy.Warning"/> suits builds that run on
    /// machines with and without Docker: the alias logs the reason and the fix, and returns
    /// <see cref="ClawkerVolumeOutcome.EngineUnreachable"/>. Other engine errors always fail. MSBuild: <c>ClawkerEngineUnreachable</c>.
    /// </summary>
    public ClawkerPolicy EngineUnreachable { get; set; } = ClawkerPolicy.Error;
}
