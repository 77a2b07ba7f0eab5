using System.Formats.Tar;

namespace Clawker.Tests.Bundling;

/// <summary>
/// The same inputs give the same tar bytes and hash, whatever the checkout looks like: two
/// copies of the override and extra files with different mtimes, modes (what a different
/// umask leaves) and line endings (LF against CRLF with a BOM).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleDeterminismTests
{
    private const string Entrypoint = "#!/bin/bash\nset -euo pipefail\nexec \"$@\"\n";
    private const string Settings = "{\n  \"theme\": \"dark\"\n}\n";
    private const string Notes = "notes for the agent\nsecond line\n";

    [Fact]
    public void Two_checkouts_that_differ_in_mtimes_modes_and_line_endings_give_identical_tars()
    {
        using var temp = TempBundle.New();
        var lf = Checkout(temp.Combine("lf"), crlf: false, DateTime.UtcNow, (UnixFileMode)0b110_100_100);
        var crlf = Checkout(temp.Combine("crlf"), crlf: true, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc), (UnixFileMode)0b111_111_111);

        var a = ImageBundler.Bundle(Options(lf, temp.Combine("out-a")), TestContext.Current.CancellationToken);
        var b = ImageBundler.Bundle(Options(crlf, temp.Combine("out-b")), TestContext.Current.CancellationToken);

        File.ReadAllBytes(b.TarPath).ShouldBe(File.ReadAllBytes(a.TarPath));
        b.ContentHash.ShouldBe(a.ContentHash);
        b.Tag.ShouldBe(a.Tag);
        File.ReadAllBytes(b.ManifestPath).ShouldBe(File.ReadAllBytes(a.ManifestPath));
    }

    [Fact]
    public void The_tar_has_fixed_times_root_owners_script_modes_and_no_carriage_returns()
    {
        using var temp = TempBundle.New();
        var crlf = Checkout(temp.Combine("crlf"), crlf: true, DateTime.UtcNow, (UnixFileMode)0b110_000_000);

        var result = ImageBundler.Bundle(Options(crlf, temp.Combine("out")), TestContext.Current.CancellationToken);

        var entries = ReadTar(result.TarPath);
        entries.Select(e => e.Name).ShouldBe(entries.Select(e => e.Name).Order(StringComparer.Ordinal), "entries are sorted");
        foreach (var entry in entries)
        {
            entry.ModificationTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
            (entry.Uid, entry.Gid, entry.UserName, entry.GroupName).ShouldBe((0, 0, "", ""));
        }

        var byName = entries.ToDictionary(e => e.Name);
        byName["entrypoint.sh"].Mode.ShouldBe(ContextEntry.ScriptMode);
        byName["home/claude/.claude-init/statusline.sh"].Mode.ShouldBe(ContextEntry.ScriptMode);
        byName["home/claude/.claude-init/settings.json"].Mode.ShouldBe(ContextEntry.FileMode);
        byName["Dockerfile"].Mode.ShouldBe(ContextEntry.FileMode);
        byName["home/claude/.clawker-globals/"].EntryType.ShouldBe(TarEntryType.Directory);
        byName["home/claude/notes/README.txt"].Mode.ShouldBe(ContextEntry.FileMode);
        System.Text.Encoding.UTF8.GetString(byName["entrypoint.sh"].Content).ShouldBe(Entrypoint, "CRLF and the BOM are gone");
        foreach (var entry in entries.Where(e => e.Content.Length > 0))
        {
            entry.Content.ShouldNotContain((byte)'\r', entry.Name);
        }
    }

    [Fact]
    public void Different_content_gives_a_different_hash_and_tag()
    {
        using var temp = TempBundle.New();
        var a = ImageBundler.Bundle(temp.Options(), TestContext.Current.CancellationToken);
        var b = ImageBundler.Bundle(temp.Options(new ImageOptions { ClaudeCodeVersion = "1.0.0" }, "b"), TestContext.Current.CancellationToken);

        b.ContentHash.ShouldNotBe(a.ContentHash);
        a.Tag.ShouldBe($"clawker-demo:sha-{a.ContentHash[..12]}");
        a.ContentHash.ShouldMatch("^[0-9a-f]{64}$");
    }

    private static BundleOptions Options(string checkout, string output) => new()
    {
        ProjectName = "Determinism",
        OutputDirectory = output,
        AssetRoots = [checkout],
        SourceDateEpoch = 1_700_000_000,
        AssetOverrides = new Dictionary<string, string>
        {
            [AssetNames.Entrypoint] = Path.Combine(checkout, "entrypoint.sh"),
            [AssetNames.Settings] = Path.Combine(checkout, "settings.json"),
        },
        ExtraFiles = new Dictionary<string, string> { ["home/claude/notes/README.txt"] = Path.Combine(checkout, "notes.txt") },
    };

    private static string Checkout(string folder, bool crlf, DateTime mtime, UnixFileMode mode)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in new[] { ("entrypoint.sh", Entrypoint), ("settings.json", Settings), ("notes.txt", Notes) })
        {
            var path = Path.Combine(folder, name);
            var bytes = System.Text.Encoding.UTF8.GetBytes(crlf ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text);
            File.WriteAllBytes(path, crlf ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
            File.SetUnixFileMode(path, mode);
            File.SetLastWriteTimeUtc(path, mtime);
        }

        return folder;
    }

    internal static List<(string Name, TarEntryType EntryType, UnixFileMode Mode, DateTimeOffset ModificationTime, int Uid, int Gid, string UserName, string GroupName, byte[] Content)> ReadTar(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new TarReader(stream);
        var result = new List<(string, TarEntryType, UnixFileMode, DateTimeOffset, int, int, string, string, byte[])>();
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            var posix = (PosixTarEntry)entry;
            result.Add((entry.Name, entry.EntryType, entry.Mode, entry.ModificationTime, entry.Uid, entry.Gid, posix.UserName, posix.GroupName, content.ToArray()));
        }

        return result;
    }
}
