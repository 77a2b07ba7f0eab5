using System.Text.Json;

namespace Clawker.Bundling;

/// <summary>manifest.json: the tag, the content hash, the timestamp, and every entry with its mode (and, for files, SHA-256 and size).</summary>
internal static class BundleManifest
{
    public static byte[] Write(string tag, string contentHash, long sourceDateEpoch, IReadOnlyList<ContextEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("tag", tag);
            json.WriteString("contentHash", contentHash);
            json.WriteNumber("sourceDateEpoch", sourceDateEpoch);
            json.WriteStartArray("files");
            foreach (var entry in entries.Where(e => !e.IsDirectory))
            {
                json.WriteStartObject();
                json.WriteString("path", entry.Path);
                json.WriteString("mode", entry.OctalMode);
                json.WriteString("sha256", ContentHasher.Sha256(entry.Content!));
                json.WriteNumber("size", entry.Content!.Length);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("directories");
            foreach (var entry in entries.Where(e => e.IsDirectory))
            {
                json.WriteStartObject();
                json.WriteString("path", entry.Path);
                json.WriteString("mode", entry.OctalMode);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        // Indented JSON uses the platform's newline on net8.0: normalize so Windows writes the same bytes.
        return TextContent.Normalize(buffer.ToArray());
    }
}
