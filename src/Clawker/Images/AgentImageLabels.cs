using Clawker.Docker;

namespace Clawker.Images;

/// <summary>
/// The labels on every agent image clawker builds, so clawker and
/// <c>docker image ls --filter label=...</c> can find them.
/// </summary>
internal static class AgentImageLabels
{
    /// <summary>Label key holding the project the image was built for, for example <c>demo</c>.</summary>
    public const string Project = "com.clawker.project";

    /// <summary>Label key holding the full SHA-256 content hash of the build context (lower-case hex).</summary>
    public const string ContentHash = "com.clawker.content-hash";

    /// <summary>The labels of the image for <paramref name="project"/> built from a context with <paramref name="contentHash"/>.</summary>
    /// <param name="project">The project name as in the tag.</param>
    /// <param name="contentHash">The bundle's content hash.</param>
    public static IReadOnlyDictionary<string, string> For(string project, string contentHash) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ClawkerLabels.Managed] = ClawkerLabels.ManagedValue,
            [Project] = project,
            [ContentHash] = contentHash,
        };
}
