namespace Clawker.Bundling;

/// <summary>
/// Brings the context folder in line with the entries: writes changed files only, sets modes,
/// and removes what the bundle no longer holds (a stale file would still reach
/// <c>docker build DIR</c>).
/// </summary>
internal static class ContextDirectory
{
    public static (int Written, int Removed) Sync(string root, IReadOnlyList<ContextEntry> entries)
    {
        Directory.CreateDirectory(root);
        var written = 0;
        foreach (var entry in entries)
        {
            var path = Path.Combine(root, entry.Path.TrimEnd('/'));
            if (entry.IsDirectory)
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                Directory.CreateDirectory(path);
                AtomicFile.SetMode(path, entry.Mode);
            }
            else
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                written += AtomicFile.WriteIfChanged(path, entry.Content!, entry.Mode) ? 1 : 0;
            }
        }

        return (written, RemoveStale(root, entries));
    }

    private static int RemoveStale(string root, IReadOnlyList<ContextEntry> entries)
    {
        var expected = new HashSet<string>(entries.Select(e => e.Path.TrimEnd('/')), StringComparer.Ordinal);
        var removed = 0;
        // Deepest first, so a folder is empty by the time it is looked at.
        var found = Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .OrderByDescending(p => p.Length);
        foreach (var path in found)
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (expected.Contains(relative))
            {
                continue;
            }

            if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }

            removed++;
        }

        return removed;
    }
}
