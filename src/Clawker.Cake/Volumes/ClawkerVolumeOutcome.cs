namespace Clawker.Cake.Volumes;

/// <summary>What ensuring a volume did.</summary>
public enum ClawkerVolumeOutcome
{
    /// <summary>The volume was missing and is now there, with clawker's labels.</summary>
    Created,

    /// <summary>The volume was already there with clawker's labels; nothing changed.</summary>
    AlreadyExisted,

    /// <summary>No engine could be reached and <see cref="ClawkerVolumeSettings.EngineUnreachable"/> let the build go on.</summary>
    EngineUnreachable,
}
