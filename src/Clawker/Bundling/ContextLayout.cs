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
        var overrides = ReadOverrides(options.AssetOverrides);
        byte[] Asset(string name) => overrides.TryGetValue(name, out var bytes) ? bytes : EmbeddedAssets.Get(name);

        var home = $"home/{image.AgentUser}/";
        var init = home + ".claude-init/";
        var entries = new Dictionary<string, ContextEntry>(StringComparer.Ordinal);
        void Add(ContextEntry entry) => entries[entry.Path] = entry;

        var dockerfile = overrides.TryGetValue(AssetNames.Dockerfile, out var custom)
            ? custom
            : System.Text.Encoding.UTF8.GetBytes(DockerfileRenderer.Render(image));
        Add(new ContextEntry(AssetNames.Dockerfile, ContextEntry.FileMode, dockerfile));
        Add(new ContextEntry(AssetNames.Entrypoint, ContextEntry.ScriptMode, Asset(AssetNames.Entrypoint)));
        Add(ContextEntry.Folder("home/"));
        Add(ContextEntry.Folder(home));
        Add(ContextEntry.Folder(home + ".claude/", ContextEntry.PrivateFolderMode));
        Add(ContextEntry.Folder(home + ".clawker-globals/", ContextEntry.PrivateFolderMode));
        Add(ContextEntry.Folder(init));
        Add(new ContextEntry(init + AssetNames.Settings, ContextEntry.FileMode, Asset(AssetNames.Settings)));
        Add(new ContextEntry(init + AssetNames.StatusLine, ContextEntry.ScriptMode, Asset(AssetNames.StatusLine)));

        foreach (var (rawPath, source) in options.ExtraFiles.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var path = ContextPath(rawPath);
            if (entries.ContainsKey(path) || entries.ContainsKey(path + "/"))
            {
                throw new InvalidImageOptionException("ExtraFiles",
                    $"'{rawPath}' is already part of the context; override the asset instead, or pick another path.");
            }

            var slash = path.IndexOf('/', StringComparison.Ordinal);
            while (slash > 0)
            {
                var folder = path[..(slash + 1)];
                if (entries.TryGetValue(folder.TrimEnd('/'), out var clash) && !clash.IsDirectory)
                {
                    throw new InvalidImageOptionException("ExtraFiles", $"'{rawPath}' would put a file inside the file '{clash.Path}'.");
                }

                entries.TryAdd(folder, ContextEntry.Folder(folder));
                slash = path.IndexOf('/', slash + 1);
            }

            Add(ContextEntry.File(path, ReadFile(rawPath, source)));
        }

        return [.. entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal)];
    }

    private static Dictionary<string, byte[]> ReadOverrides(IReadOnlyDictionary<string, string> overrides)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, path) in overrides)
        {
            if (!AssetNames.All.Contains(name, StringComparer.Ordinal))
            {
                throw new InvalidImageOptionException("AssetOverrides",
                    $"'{name}' is not an image asset; the assets are {string.Join(", ", AssetNames.All)}.");
            }

            result[name] = ReadFile(name, path);
        }

        return result;
    }

    private static byte[] ReadFile(string asset, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new AssetOverrideException(asset, "(empty)", "no path was given");
        }

        try
        {
            return TextContent.Normalize(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException when Directory.Exists(path) => "it is a folder, not a file",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            throw new AssetOverrideException(asset, Path.GetFullPath(path), reason, ex);
        }
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
            throw new InvalidImageOptionException("ExtraFiles",
                $"'{raw}' is not a relative context path (forward slashes, no '..', no empty parts, at most 250 bytes).");
        }

        return path;
    }
}
