using Clawker.Diagnostics;

namespace Clawker.Docker;

/// <summary>
/// CLAWKER2002: a volume of clawker's name exists without clawker's labels (or for another
/// purpose). Clawker never adopts it: it may hold someone else's data.
/// </summary>
public sealed class VolumeLabelConflictException : DockerEngineException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The engine holding the volume.</param>
    /// <param name="volumeName">The volume's name.</param>
    /// <param name="foundLabels">The labels the volume has.</param>
    /// <param name="message">What was wrong, where, and how to fix it.</param>
    public VolumeLabelConflictException(DockerEndpoint endpoint, string volumeName, IReadOnlyDictionary<string, string> foundLabels, string message)
        : base(ErrorCodes.VolumeLabelConflict, endpoint, message)
    {
        VolumeName = volumeName;
        FoundLabels = foundLabels;
    }

    /// <summary>The volume's name.</summary>
    public string VolumeName { get; }

    /// <summary>The labels found on the volume (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> FoundLabels { get; }
}
