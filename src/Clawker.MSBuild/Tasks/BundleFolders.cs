using Clawker.Bundling;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Resolves the bundle's folders against the project folder (a global <c>-p:</c> property
/// reaches the task as written). Which folders the bundle may write is the library's rule
/// (its ownership record, links resolved: CLAWKER3002), the same for every caller.
/// </summary>
internal static class BundleFolders
{
    private static readonly char[] ListSeparators = [';'];

    public static (string Output, string? Context) Resolve(string projectDirectory, string outputDirectory, string? contextDirectory)
    {
        var baseDirectory = BaseDirectory(projectDirectory);
        var output = Full(baseDirectory, outputDirectory);
        return (output, string.IsNullOrWhiteSpace(contextDirectory) ? null : Full(baseDirectory, contextDirectory));
    }

    /// <summary>The asset roots: the repository holding the project (else the project folder), then each folder of <paramref name="extra"/> (<c>ClawkerImageAssetRoots</c>, <c>;</c>-separated).</summary>
    public static IReadOnlyList<string> AssetRoots(string projectDirectory, string? extra)
    {
        var baseDirectory = BaseDirectory(projectDirectory);
        return [ImageBundler.DefaultAssetRoot(baseDirectory),
            .. (extra ?? string.Empty).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => Full(baseDirectory, r))];
    }

    private static string BaseDirectory(string projectDirectory) =>
        string.IsNullOrWhiteSpace(projectDirectory) ? Directory.GetCurrentDirectory() : projectDirectory;

    private static string Full(string baseDirectory, string path) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(path.Trim(), baseDirectory));
}
