using Clawker.Docker;

namespace Clawker.Cake.Volumes;

/// <summary>The library's volume results back to the Cake result (the settings map through <see cref="EngineSettingsMapping"/>). Pure, so unit tests cover it.</summary>
internal static class VolumeOptionsMapping
{
    public static ClawkerVolumeResult ToCakeResult(this VolumeEnsureResult result) => new(
        result.Name,
        result.Outcome switch
        {
            VolumeEnsureOutcome.Created => ClawkerVolumeOutcome.Created,
            VolumeEnsureOutcome.AlreadyExisted => ClawkerVolumeOutcome.AlreadyExisted,
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Unknown volume outcome."),
        },
        result.Endpoint.ToString());
}
