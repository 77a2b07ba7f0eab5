using System.Diagnostics;
using System.Security.Cryptography;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// Every entry under a folder (links not followed) with its kind, mode, link target and content
/// hash: two snapshots are equal only when nothing was deleted, added, changed or made more readable.
/// </summary>
internal sealed record TreeSnapshot(IReadOnlyDictionary<string, string> Entries)
{
    public static TreeSnapshot Of(string root, Func<string, bool>? skip = null)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var special = SpecialFiles(root);
        void Walk(string folder)
        {
            foreach (var path in Directory.GetFileSystemEntries(folder))
            {
                var relative = Path.GetRelativePath(root, path);
                if (skip?.Invoke(relative) == true)
                {
                    continue;
                }

                if (new FileInfo(path).LinkTarget is { } target)
                {
                    entries[relative] = $"link {target}";
                    continue;
                }

                var mode = OperatingSystem.IsWindows() ? "" : Convert.ToString((int)File.GetUnixFileMode(path), 8);
                if (Directory.Exists(path))
                {
                    entries[relative] = $"dir {mode}";
                    Walk(path);
                }
                else if (special.Contains(path))
                {
                    entries[relative] = $"special {mode}"; // a FIFO is never read: that would block
                }
                else
                {
                    entries[relative] = $"file {mode} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}";
                }
            }
        }

        Walk(root);
        return new TreeSnapshot(entries);
    }

    // FIFOs, devices and sockets, found by find(1): .NET tells them from regular files only by opening them.
    private static HashSet<string> SpecialFiles(string root)
    {
        var find = new ProcessStartInfo("find", [root, "(", "-type", "p", "-o", "-type", "c", "-o", "-type", "b", "-o", "-type", "s", ")", "-print"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(find)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Asserts <paramref name="after"/> is this snapshot, naming the first differences.</summary>
    public void ShouldBeUnchanged(TreeSnapshot after)
    {
        var differences = Entries.Keys.Union(after.Entries.Keys)
            .Where(k => !Entries.TryGetValue(k, out var a) || !after.Entries.TryGetValue(k, out var b) || a != b)
            .Take(10)
            .Select(k => $"{k}: {Entries.GetValueOrDefault(k, "(absent)")} -> {after.Entries.GetValueOrDefault(k, "(absent)")}")
            .ToList();
        differences.ShouldBeEmpty();
    }
}
