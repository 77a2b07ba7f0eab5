using System.Text.Json;
using Clawker.IO;

namespace Clawker.Bundling;

/// <summary>
/// What Clawker wrote, kept in <see cref="ImageBundler.RecordFileName"/> in the output folder:
/// the context folder (relative to the output folder when inside it, else its real path), the
/// files it writes in the output folder, every file and folder (folders end with '/') it wrote in
/// the context folder, and the SHA-256 of every file's content as written (more than one while a
/// bundle replaces it). Only what it lists, still holding what it says, is ever emptied or
/// overwritten: the record is plain data that anyone who can write the folder can forge, and the
/// hashes are what such a record cannot fake for files the forger cannot read. It is written
/// atomically, and before a new file is created, so a crash never leaves an unrecorded file.
/// </summary>
internal sealed record OwnershipRecord(string Context, IReadOnlyList<string> OutputFiles, IReadOnlyList<string> ContextEntries,
    IReadOnlyDictionary<string, IReadOnlySet<string>> OutputSha256, IReadOnlyDictionary<string, IReadOnlySet<string>> ContextSha256)
{
    private const int Version = 1;
    private const long MaxBytes = 4L << 20;

    /// <summary>The files the bundle writes in the output folder (the record and lock aside).</summary>
    public static readonly IReadOnlyList<string> BundleOutputFiles = [ImageBundler.TarFileName, ImageBundler.ManifestFileName];

    /// <summary>The context folder's real path, for a record kept in <paramref name="realOutput"/>.</summary>
    public string ContextPath(string realOutput) => Path.IsPathRooted(Context) ? Context : Path.Combine(realOutput, Context);

    /// <summary>The record for <paramref name="realContext"/> beside <paramref name="realOutput"/>.</summary>
    public static string ContextField(string realOutput, string realContext) =>
        RealPath.IsSameOrInsideResolved(realContext, realOutput) && realContext != realOutput
            ? Path.GetRelativePath(realOutput, realContext).Replace('\\', '/')
            : realContext;

    /// <summary>The record in <paramref name="realOutput"/>; null when there is none.</summary>
    /// <exception cref="BundleException">Of kind <see cref="BundleErrorKind.InvalidOption"/>: a record that is not one Clawker wrote (unreadable or malformed).</exception>
    public static OwnershipRecord? Read(string realOutput)
    {
        var path = Path.Combine(realOutput, ImageBundler.RecordFileName);
        var kind = RegularFile.KindOf(path);
        if (kind == FileKind.Missing)
        {
            return null;
        }

        if (kind == FileKind.Other)
        {
            // Cannot be examined: the output folder is not searchable by this user (CLAWKER3003).
            throw new UnauthorizedAccessException($"Access to the path '{realOutput}' is denied.");
        }

        try
        {
            using var json = JsonDocument.Parse(RegularFile.Read(path, MaxBytes));
            var root = json.RootElement;
            if (root.GetProperty("clawkerBundleRecord").GetInt32() != Version)
            {
                throw new FormatException("another version");
            }

            if (!root.TryGetProperty("outputSha256", out _) || !root.TryGetProperty("contextSha256", out _))
            {
                // Written before records kept hashes: it proves nothing by itself, and the bundle is
                // adopted only as 0.1.0's are, by the manifest's hashes (LegacyBundle).
                return null;
            }

            return new OwnershipRecord(
                root.GetProperty("context").GetString() ?? throw new FormatException("no context"),
                Strings(root.GetProperty("outputFiles")),
                Strings(root.GetProperty("contextEntries")),
                Hashes(root.GetProperty("outputSha256")),
                Hashes(root.GetProperty("contextSha256")));
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.Denied)
        {
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.", e);
        }
        catch (Exception e) when (e is FileReadException or JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            var reason = e is FileReadException read ? read.Reason : "it is not a record Clawker wrote";
            throw BundleException.InvalidOption(nameof(BundleOptions.OutputDirectory),
                $"the output folder '{realOutput}' holds {ImageBundler.RecordFileName}, Clawker's record of what it wrote there, but it cannot be used ({reason}). Without it Clawker cannot prove which files are its own: delete the output folder (or that file, if you know the folder holds only the bundle) and bundle again.");
        }
    }

    /// <summary>Writes the record into <paramref name="realOutput"/> atomically; true when it changed.</summary>
    public bool Write(string realOutput) => AtomicFile.WriteIfChanged(Path.Combine(realOutput, ImageBundler.RecordFileName), Serialize());

    private byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("clawkerBundleRecord", Version);
            json.WriteString("context", Context);
            WriteArray(json, "outputFiles", OutputFiles);
            WriteArray(json, "contextEntries", ContextEntries);
            WriteHashes(json, "outputSha256", OutputSha256);
            WriteHashes(json, "contextSha256", ContextSha256);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return TextContent.Normalize(buffer.ToArray());
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteHashes(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, IReadOnlySet<string>> hashes)
    {
        json.WriteStartObject(name);
        foreach (var (path, set) in hashes.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            WriteArray(json, path, set);
        }

        json.WriteEndObject();
    }

    /// <summary>The hashes of the files in <paramref name="entries"/> (folders have none), by path.</summary>
    public static Dictionary<string, IReadOnlySet<string>> HashesOf(IEnumerable<ContextEntry> entries) =>
        entries.Where(e => !e.IsDirectory).ToDictionary(e => e.Path, e => (IReadOnlySet<string>)new HashSet<string>([ContentHasher.Sha256(e.Content!)], StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Every hash of either, by path: what a file may hold while a bundle replaces the one with the other.</summary>
    public static Dictionary<string, IReadOnlySet<string>> Merge(IReadOnlyDictionary<string, IReadOnlySet<string>> a, IReadOnlyDictionary<string, IReadOnlySet<string>> b)
    {
        var merged = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (path, set) in a.Concat(b))
        {
            merged[path] = merged.TryGetValue(path, out var known) ? new HashSet<string>(known.Concat(set), StringComparer.Ordinal) : set;
        }

        return merged;
    }

    private static Dictionary<string, IReadOnlySet<string>> Hashes(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlySet<string>)Strings(p.Value).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    private static List<string> Strings(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.GetString() ?? throw new FormatException("a null entry"))];
}
