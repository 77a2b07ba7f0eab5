using System.Text.Json;
using Clawker.IO;

namespace Clawker.Bundling;

/// <summary>
/// What Clawker wrote, kept in <see cref="ImageBundler.RecordFileName"/> in the output folder:
/// the context folder (relative to the output folder when inside it, else its real path), the
/// files it writes in the output folder, and every file and folder (folders end with '/') it
/// wrote in the context folder. Only what it lists is ever emptied or overwritten. It is written
/// atomically, and before a new file is created, so a crash never leaves an unrecorded file.
/// </summary>
internal sealed record OwnershipRecord(string Context, IReadOnlyList<string> OutputFiles, IReadOnlyList<string> ContextEntries)
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
    /// <exception cref="InvalidImageOptionException">A record that is not one Clawker wrote (unreadable or malformed).</exception>
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

            return new OwnershipRecord(
                root.GetProperty("context").GetString() ?? throw new FormatException("no context"),
                Strings(root.GetProperty("outputFiles")),
                Strings(root.GetProperty("contextEntries")));
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.Denied)
        {
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.", e);
        }
        catch (Exception e) when (e is FileReadException or JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            var reason = e is FileReadException read ? read.Reason : "it is not a record Clawker wrote";
            throw new InvalidImageOptionException(nameof(BundleOptions.OutputDirectory),
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

    private static List<string> Strings(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.GetString() ?? throw new FormatException("a null entry"))];
}
