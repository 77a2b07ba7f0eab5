using Clawker.IO;

namespace Clawker.Bundling;

/// <summary>The folders image assets may come from: by default the repository that holds the project.</summary>
internal static class AssetTree
{
    /// <summary>
    /// The repository holding <paramref name="folder"/> (the nearest folder, links resolved, with a
    /// <c>.git</c> folder or file), else <paramref name="folder"/> itself, links resolved.
    /// </summary>
    /// <param name="folder">The project folder, or Cake's working directory.</param>
    /// <returns>The full path of the tree's root.</returns>
    public static string RepositoryOf(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var start = RealPath.Resolve(Path.GetFullPath(folder));
        for (var current = start; current is not null; current = Path.GetDirectoryName(current))
        {
            var git = Path.Combine(current, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return current;
            }
        }

        return start;
    }
}
