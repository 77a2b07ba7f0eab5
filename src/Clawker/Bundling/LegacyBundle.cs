using System.Text.Json;
using Clawker.IO;

namespace Clawker.Bundling;

/// <summary>
/// Adopts a bundle written by Clawker 0.1.0, which kept no ownership record: its output folder
/// can still be proven Clawker's when the context folder holds exactly the entries of the
/// manifest.json beside it, every file with the manifest's SHA-256, and <c>context.tar</c> (when
/// present) is byte for byte the tar those entries give. Anything less is not adopted. Without
/// this every upgrade would fail on the bundle its own previous version wrote.
/// </summary>
internal static class LegacyBundle
{
    private const long MaxManifestBytes = 4L << 20;
    private const long MaxTarBytes = 1L << 30;

    public static OwnershipRecord? TryAdopt(string realOutput, string realContext)
    {
        try
        {
            var manifest = Path.Combine(realOutput, ImageBundler.ManifestFileName);
            if (RegularFile.KindOf(manifest) != FileKind.Regular || !ContextDirectory.IsRealFolder(realContext))
            {
                return null;
            }

            var manifestBytes = RegularFile.Read(manifest, MaxManifestBytes);
            using var json = JsonDocument.Parse(manifestBytes);
            var root = json.RootElement;
            var epoch = root.GetProperty("sourceDateEpoch").GetInt64();
            var entries = new List<ContextEntry>();
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                var path = file.GetProperty("path").GetString()!;
                var full = Path.Combine(realContext, path);
                if (ContextDirectory.IsLink(full))
                {
                    return null;
                }

                var content = RegularFile.Read(full, AssetSource.MaxBytes);
                if (ContentHasher.Sha256(content) != file.GetProperty("sha256").GetString())
                {
                    return null;
                }

                entries.Add(new ContextEntry(path, Mode(file), content));
            }

            foreach (var folder in root.GetProperty("directories").EnumerateArray())
            {
                entries.Add(new ContextEntry(folder.GetProperty("path").GetString()!, Mode(folder), null));
            }

            var expected = entries.Select(e => e.Path.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
            if (expected.Count != entries.Count || !SameEntries(realContext, expected))
            {
                return null;
            }

            var outputHashes = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
            {
                [ImageBundler.ManifestFileName] = new HashSet<string>([ContentHasher.Sha256(manifestBytes)], StringComparer.Ordinal),
            };
            var tar = Path.Combine(realOutput, ImageBundler.TarFileName);
            if (RegularFile.KindOf(tar) != FileKind.Missing)
            {
                var sorted = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
                var tarBytes = RegularFile.Read(tar, MaxTarBytes);
                if (!tarBytes.AsSpan().SequenceEqual(ContextTar.Write(sorted, epoch)))
                {
                    return null;
                }

                outputHashes[ImageBundler.TarFileName] = new HashSet<string>([ContentHasher.Sha256(tarBytes)], StringComparer.Ordinal);
            }

            return new OwnershipRecord(OwnershipRecord.ContextField(realOutput, realContext), OwnershipRecord.BundleOutputFiles,
                [.. entries.Select(e => e.Path)], outputHashes, OwnershipRecord.HashesOf(entries));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException
            or KeyNotFoundException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static UnixFileMode Mode(JsonElement entry) => (UnixFileMode)Convert.ToInt32(entry.GetProperty("mode").GetString(), 8);

    // Exactly the manifest's entries: one more (a user's file) and the folder is not provably Clawker's.
    private static bool SameEntries(string realContext, HashSet<string> expected)
    {
        var seen = 0;
        var pending = new Stack<string>();
        pending.Push(realContext);
        while (pending.Count > 0)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(pending.Pop()))
            {
                if (!expected.Contains(Path.GetRelativePath(realContext, path).Replace('\\', '/')) || ++seen > expected.Count)
                {
                    return false;
                }

                if (ContextDirectory.IsRealFolder(path))
                {
                    pending.Push(path);
                }
            }
        }

        return seen == expected.Count;
    }
}
