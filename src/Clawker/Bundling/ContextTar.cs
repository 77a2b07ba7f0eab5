using System.Formats.Tar;

namespace Clawker.Bundling;

/// <summary>
/// Writes the context as a ustar archive that is the same bytes on every machine: entries in
/// path order, one fixed mtime, uid/gid 0 with no owner names, modes from the layout. ustar
/// (not PAX or GNU) because it has no access or change times to leak the clock.
/// </summary>
internal static class ContextTar
{
    public static byte[] Write(IReadOnlyList<ContextEntry> entries, long sourceDateEpoch)
    {
        var mtime = DateTimeOffset.FromUnixTimeSeconds(sourceDateEpoch);
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var item in entries)
            {
                var entry = new UstarTarEntry(item.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, item.Path)
                {
                    ModificationTime = mtime,
                    Mode = item.Mode,
                    Uid = 0,
                    Gid = 0,
                    UserName = string.Empty,
                    GroupName = string.Empty,
                };
                if (item.Content is { } content)
                {
                    entry.DataStream = new MemoryStream(content, writable: false);
                }

                writer.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }
}
