using Clawker.IO;

namespace Clawker.Bundling;

/// <summary>One asset file as read: its bytes (normalized text) and the permission bits of its source.</summary>
internal sealed record AssetFile(byte[] Content, UnixFileMode? SourceMode);

/// <summary>
/// Reads an asset override or extra file: links resolved and kept inside the asset roots
/// (<c>CLAWKER3004</c>), regular files only and at most <see cref="MaxBytes"/> (a FIFO would block
/// forever, <c>/dev/zero</c> never ends), with the source's mode so the context copy on disk is
/// never more readable than it.
/// </summary>
internal static class AssetSource
{
    /// <summary>The most Clawker reads from one asset file: 64 MiB.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>The roots from the options, links resolved; none given: the repository holding the current folder.</summary>
    public static IReadOnlyList<string> Roots(BundleOptions options)
    {
        var given = options.AssetRoots.Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
        if (given.Count == 0)
        {
            return [AssetTree.RepositoryOf(Directory.GetCurrentDirectory())];
        }

        try
        {
            return [.. given.Select(r => RealPath.Resolve(Path.GetFullPath(r.Trim())))];
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw BundleException.InvalidOption(nameof(BundleOptions.AssetRoots), $"'{string.Join(", ", given)}' cannot be resolved ({e.Message}); give existing folders.");
        }
    }

    public static AssetFile Read(string asset, string path, IReadOnlyList<string> roots)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw BundleException.AssetUnreadable(asset, "(empty)", "no path was given");
        }

        string full, real;
        try
        {
            full = Path.GetFullPath(path);
            real = RealPath.Resolve(full);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw BundleException.AssetUnreadable(asset, path, "a link loop, or more than 40 links on the way", e);
        }

        if (!roots.Any(root => RealPath.IsSameOrInsideResolved(real, root)))
        {
            throw BundleException.AssetOutsideTree(asset, full, real, roots);
        }

        byte[] bytes;
        try
        {
            // The resolved path: a link swapped in on the way after the check is not followed again.
            bytes = RegularFile.Read(real, MaxBytes);
        }
        catch (FileReadException e)
        {
            throw BundleException.AssetUnreadable(asset, full, e.Reason, e);
        }

        return new AssetFile(TextContent.Normalize(bytes), SourceMode(real));
    }

    private static UnixFileMode? SourceMode(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read a moment ago; if its mode is gone now, keep the copy private.
            return UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
    }
}
