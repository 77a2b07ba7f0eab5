namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Resolves the bundle's output and context folders against the project folder (a global
/// <c>-p:</c> property reaches the task as written) and refuses the project folder, or one
/// holding it, as the context folder: the bundle deletes every file of its context folder that it
/// does not hold. The library refuses the other unsafe folders itself (CLAWKER3002).
/// </summary>
internal static class BundleFolders
{
    public static (string Output, string? Context) Resolve(string projectDirectory, string outputDirectory, string? contextDirectory)
    {
        var baseDirectory = string.IsNullOrWhiteSpace(projectDirectory) ? Directory.GetCurrentDirectory() : projectDirectory;
        var output = Full(baseDirectory, outputDirectory);
        if (string.IsNullOrWhiteSpace(contextDirectory))
        {
            return (output, null);
        }

        var context = Full(baseDirectory, contextDirectory);
        if (IsSameOrInside(baseDirectory, context))
        {
            throw Refused(context, $"it is the project folder {Path.GetFullPath(baseDirectory)} or holds it");
        }

        return (output, context);
    }

    private static string Full(string baseDirectory, string path) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(path.Trim(), baseDirectory));

    // True when `inner` is `outer` or a folder inside it.
    private static bool IsSameOrInside(string inner, string outer)
    {
        var relative = Path.GetRelativePath(outer, Path.TrimEndingDirectorySeparator(Path.GetFullPath(inner)));
        return relative == "." || (relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static InvalidPropertyException Refused(string context, string why) => new(
        $"The MSBuild property ClawkerImageContextDir is '{context}', but {why}. The bundle owns its context folder and deletes every file there that is not part of the image context. Point ClawkerImageContextDir at a new or empty folder of its own (for example $(BaseIntermediateOutputPath)agent-context/), or leave it empty for context/ in ClawkerImageOutputDir.");
}
