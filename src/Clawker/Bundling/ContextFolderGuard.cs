namespace Clawker.Bundling;

/// <summary>
/// Refuses a context folder whose clean-up would delete what is not the bundle's: the bundle
/// deletes every file of its context folder that is not part of the image context.
/// </summary>
internal static class ContextFolderGuard
{
    /// <summary>Throws <see cref="InvalidImageOptionException"/> unless <paramref name="context"/> can safely be the bundle's own.</summary>
    public static void Check(string output, string context)
    {
        if (IsSameOrInside(output, context))
        {
            throw Refused(context, $"is the output folder {output} or holds it, and the bundle writes {ImageBundler.TarFileName} and {ImageBundler.ManifestFileName} there");
        }

        // A folder the bundle wrote always holds a Dockerfile: any other non-empty folder is someone else's.
        if (Directory.Exists(context)
            && !File.Exists(Path.Combine(context, AssetNames.Dockerfile))
            && Directory.EnumerateFileSystemEntries(context).Any())
        {
            throw Refused(context, "already holds files and no Dockerfile, so it is not a context folder Clawker wrote");
        }
    }

    /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or a folder inside it.</summary>
    public static bool IsSameOrInside(string inner, string outer)
    {
        var relative = Path.GetRelativePath(outer, Path.TrimEndingDirectorySeparator(Path.GetFullPath(inner)));
        return relative == "."
            || (relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static InvalidImageOptionException Refused(string context, string why) => new(
        nameof(BundleOptions.ContextDirectory),
        $"the context folder '{context}' {why}. The bundle owns its context folder and deletes every file there that is not part of the image context: point it at a new or empty folder of its own, or leave it unset for {ImageBundler.ContextDirectoryName}/ in the output folder.");
}
