namespace Clawker.Bundling;

/// <summary>
/// Brings the context folder in line with the entries: writes changed files only, sets modes,
/// and removes what the bundle no longer holds (a stale file would still reach
/// <c>docker build DIR</c>). It removes only what the ownership record lists (or a leftover
/// temporary file of a listed one): <see cref="BundleOwnership"/> has refused a folder holding
/// anything else.
/// </summary>
internal static class ContextDirectory
{
    public static (int Written, int Removed) Sync(string root, IReadOnlyList<ContextEntry> entries, IReadOnlySet<string> recorded)
    {
        Directory.CreateDirectory(root);
        var written = 0;
        foreach (var entry in entries)
        {
            var path = Path.Combine(root, entry.Path.TrimEnd('/'));
            if (entry.IsDirectory)
            {
                // A file, or a link (which would send the writes below somewhere else), is replaced by a real folder.
                if (File.Exists(path) || IsLink(path))
                {
                    File.Delete(path);
                }

                Directory.CreateDirectory(path);
                AtomicFile.SetMode(path, entry.Mode);
            }
            else
            {
                if (IsRealFolder(path))
                {
                    Delete(path);
                }

                written += AtomicFile.WriteIfChanged(path, entry.Content!, entry.DiskMode) ? 1 : 0;
            }
        }

        var expected = new HashSet<string>(entries.Select(e => e.Path.TrimEnd('/')), StringComparer.Ordinal);
        var listed = new HashSet<string>(expected.Concat(recorded), StringComparer.Ordinal);
        return (written, RemoveStaleIn(root, root, expected, listed));
    }

    // Walks real folders only: a link is an entry to remove, never a folder to look into, so
    // nothing outside the context folder is ever deleted.
    private static int RemoveStaleIn(string root, string folder, HashSet<string> expected, HashSet<string> listed)
    {
        var removed = 0;
        foreach (var path in Directory.GetFileSystemEntries(folder))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (expected.Contains(relative))
            {
                if (IsRealFolder(path))
                {
                    removed += RemoveStaleIn(root, path, expected, listed);
                }
            }
            else if (listed.Contains(relative) || BundleOwnership.IsOwnTemp(relative, listed))
            {
                removed += Delete(path);
            }

            // Anything else appeared after the ownership check: not the bundle's, so it stays.
        }

        return removed;
    }

    /// <summary>Deletes a file, a link (not its target) or a folder tree; returns how many entries went.</summary>
    private static int Delete(string path)
    {
        if (!IsRealFolder(path))
        {
            File.Delete(path);
            return 1;
        }

        var removed = Directory.GetFileSystemEntries(path).Sum(Delete);
        Directory.Delete(path);
        return removed + 1;
    }

    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    public static bool IsRealFolder(string path) => !IsLink(path) && Directory.Exists(path);
}
