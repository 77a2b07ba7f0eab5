namespace Clawker.Bundling;

/// <summary>
/// Lays out the build context from the options: the Dockerfile, the entrypoint, the agent's
/// home tree (the image copies it with one <c>COPY --chown</c>), overrides and extra files.
/// Returns every entry, folders included, sorted by path so the output never depends on the
/// order of the inputs.
/// </summary>
internal static class ContextLayout
{
    public static IReadOnlyList<ContextEntry> Build(BundleOptions options, ResolvedImageOptions image)
    {
        var roots = AssetSource.Roots(options);
        var overrides = ReadOverrides(options.AssetOverrides, roots);
        ContextEntry Asset(string path, string name, UnixFileMode mode) => overrides.TryGetValue(name, out var file)
            ? new ContextEntry(path, mode, file.Content) { SourceMode = file.SourceMode }
            : new ContextEntry(path, mode, EmbeddedAssets.Get(name));

        var home = $"home/{image.AgentUser}/";
        var init = home + ".claude-init/";
        var entries = new Dictionary<string, ContextEntry>(StringComparer.Ordinal);
        void Add(ContextEntry entry) => entries[entry.Path] = entry;

        Add(overrides.TryGetValue(AssetNames.Dockerfile, out var custom)
            ? new ContextEntry(AssetNames.Dockerfile, ContextEntry.FileMode, custom.Content) { SourceMode = custom.SourceMode }
            : new ContextEntry(AssetNames.Dockerfile, ContextEntry.FileMode, System.Text.Encoding.UTF8.GetBytes(DockerfileRenderer.Render(image))));
        Add(Asset(AssetNames.Entrypoint, AssetNames.Entrypoint, ContextEntry.ScriptMode));
        Add(ContextEntry.Folder("home/"));
        Add(ContextEntry.Folder(home));
        Add(ContextEntry.Folder(home + ".claude/", ContextEntry.PrivateFolderMode));
        Add(ContextEntry.Folder(home + ".clawker-globals/", ContextEntry.PrivateFolderMode));
        Add(ContextEntry.Folder(init));
        Add(Asset(init + AssetNames.Settings, AssetNames.Settings, ContextEntry.FileMode));
        Add(Asset(init + AssetNames.StatusLine, AssetNames.StatusLine, ContextEntry.ScriptMode));

        foreach (var (rawPath, source) in options.ExtraFiles.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var path = ContextPath(rawPath);
            if (entries.ContainsKey(path) || entries.ContainsKey(path + "/"))
            {
                throw BundleException.InvalidOption("ExtraFiles",
                    $"'{rawPath}' is already part of the context; override the asset instead, or pick another path.");
            }

            var slash = path.IndexOf('/', StringComparison.Ordinal);
            while (slash > 0)
            {
                var folder = path[..(slash + 1)];
                if (entries.TryGetValue(folder.TrimEnd('/'), out var clash) && !clash.IsDirectory)
                {
                    throw BundleException.InvalidOption("ExtraFiles", $"'{rawPath}' would put a file inside the file '{clash.Path}'.");
                }

                entries.TryAdd(folder, ContextEntry.Folder(folder));
                slash = path.IndexOf('/', slash + 1);
            }

            var file = AssetSource.Read(rawPath, source, roots);
            Add(ContextEntry.File(path, file.Content) with { SourceMode = file.SourceMode });
        }

        return [.. entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal)];
    }

    private static Dictionary<string, AssetFile> ReadOverrides(IReadOnlyDictionary<string, string> overrides, IReadOnlyList<string> roots)
    {
        var result = new Dictionary<string, AssetFile>(StringComparer.Ordinal);
        foreach (var (name, path) in overrides)
        {
            if (!AssetNames.All.Contains(name, StringComparer.Ordinal))
            {
                throw BundleException.InvalidOption("AssetOverrides",
                    $"'{name}' is not an image asset; the assets are {string.Join(", ", AssetNames.All)}.");
            }

            result[name] = AssetSource.Read(name, path, roots);
        }

        return result;
    }

    /// <summary>A relative path inside the context: forward slashes, no empty, '.' or '..' parts.</summary>
    private static string ContextPath(string raw)
    {
        var path = (raw ?? string.Empty).Replace('\\', '/');
        var parts = path.Split('/');
        if (path.Length == 0 || path.StartsWith('/') || path.Contains(':', StringComparison.Ordinal)
            || parts.Any(p => p.Length == 0 || p == "." || p == ".." || p.Length > 100)
            || System.Text.Encoding.UTF8.GetByteCount(path) > 250)
        {
            throw BundleException.InvalidOption("ExtraFiles",
                $"'{raw}' is not a relative context path (forward slashes, no '..', no empty parts, at most 250 bytes).");
        }

        return path;
    }
}
