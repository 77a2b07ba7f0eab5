namespace Clawker.IO;

/// <summary>
/// Paths with every symbolic link resolved, as realpath(3) gives them, also for a path whose
/// end does not exist yet (the existing part is resolved, the rest appended). Clawker compares
/// folders only this way: "is this inside that" must not be fooled by a link.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40; // as the kernel's ELOOP limit

    /// <summary>The full path of <paramref name="path"/> (relative to <paramref name="baseDirectory"/>, else the current folder) with every link resolved.</summary>
    /// <exception cref="IOException">A link loop, or more than 40 links on the way.</exception>
    public static string Resolve(string path, string? baseDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), path);
        var links = 0;
        return Walk(full, ref links);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or inside it, both resolved with <see cref="Resolve"/> first.</summary>
    public static bool IsSameOrInside(string path, string folder)
    {
        var inner = Resolve(path);
        var outer = Resolve(folder);
        return IsSameOrInsideResolved(inner, outer);
    }

    /// <summary>True when the resolved <paramref name="inner"/> is the resolved <paramref name="outer"/> or inside it (no links are looked at).</summary>
    public static bool IsSameOrInsideResolved(string inner, string outer)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var o = Path.TrimEndingDirectorySeparator(outer);
        var i = Path.TrimEndingDirectorySeparator(inner);
        if (string.Equals(i, o, comparison))
        {
            return true;
        }

        var prefix = o.EndsWith(Path.DirectorySeparatorChar) ? o : o + Path.DirectorySeparatorChar;
        return i.StartsWith(prefix, comparison);
    }

    private static string Walk(string full, ref int links)
    {
        var root = Path.GetPathRoot(full);
        if (string.IsNullOrEmpty(root))
        {
            throw new ArgumentException($"'{full}' is not a full path.", nameof(full));
        }

        var current = root;
        var parts = full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // `current` is already resolved, so its parent is the real parent (not the link's).
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, part);
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links at {next}.");
            }

            current = Walk(Path.IsPathRooted(target) ? target : Path.Combine(current, target), ref links);
        }

        return current.Length > root.Length ? Path.TrimEndingDirectorySeparator(current) : current;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // Not examinable: taken as it is, like a folder that is not a link.
        }
    }
}
