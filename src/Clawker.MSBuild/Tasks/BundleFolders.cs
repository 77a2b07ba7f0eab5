namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Resolves the bundle's output and context folders against the project folder (a global
/// <c>-p:</c> property reaches the task as written) and refuses a context folder whose clean-up
/// would delete what is not the bundle's: the bundle deletes every file of the context folder
/// it does not hold.
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

        if (IsSameOrInside(output, context))
        {
            throw Refused(context, $"it is the output folder {output} (ClawkerImageOutputDir) or holds it, and the bundle writes context.tar and manifest.json there");
        }

        // A folder the bundle wrote always holds a Dockerfile: any other non-empty folder is someone else's.
        if (Directory.Exists(context) && !File.Exists(Path.Combine(context, "Dockerfile")) && Directory.EnumerateFileSystemEntries(context).Any())
        {
            throw Refused(context, "it already holds files and no Dockerfile, so it is not a context folder Clawker wrote");
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
