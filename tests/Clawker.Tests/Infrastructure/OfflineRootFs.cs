using System.Formats.Tar;
using System.Security.Cryptography;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// A tiny root file system for test containers, made from Debian's <c>bash-static</c> and
/// <c>busybox-static</c> on this machine: no registry is reachable here, so a base image has to
/// be made locally. It holds /bin/bash, busybox with the applets the agent entrypoint and the
/// tests use, root and the agent user <c>claude</c> (uid/gid 1001), and /tmp (1777).
/// The tar is deterministic (sorted, fixed mtime, uid/gid 0), so its hash names the image.
/// </summary>
internal static class OfflineRootFs
{
    public const string BashStatic = "/bin/bash-static";
    public const string BusyboxStatic = "/bin/busybox";
    public const int AgentUid = 1001;
    public const int AgentGid = 1001;

    /// <summary>The busybox applets linked into /bin: whatever entrypoint.sh and the tests call.</summary>
    public static readonly string[] Applets =
    [
        "[", "ash", "basename", "cat", "chmod", "chown", "cmp", "cp", "cut", "date", "dirname", "echo",
        "env", "false", "find", "grep", "head", "id", "ln", "ls", "mkdir", "mktemp", "mv", "printf",
        "readlink", "realpath", "rm", "rmdir", "sed", "sh", "sha256sum", "sleep", "sort", "stat",
        "tail", "tee", "test", "touch", "tr", "true", "uname", "wc", "whoami", "xargs",
    ];

    private static readonly DateTimeOffset FixedTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const UnixFileMode Dir755 = (UnixFileMode)0b111_101_101;
    private const UnixFileMode File644 = (UnixFileMode)0b110_100_100;
    private const UnixFileMode Sticky1777 = (UnixFileMode)0b1_111_111_111;
    private const UnixFileMode Dir700 = (UnixFileMode)0b111_000_000;

    /// <summary>Whether this machine has the static binaries the root file system is made of.</summary>
    public static bool Available => File.Exists(BashStatic) && File.Exists(BusyboxStatic);

    /// <summary>Skips (or fails in CI) unless an engine and these binaries are here.</summary>
    public static void RequireWithEngine()
    {
        TestEngine.Require();
        Integration.Require(Available, "bash-static and busybox-static are not installed (apt-get install bash-static busybox-static)");
    }

    /// <summary>Writes the root file system as an uncompressed tar (what <c>docker import</c> takes).</summary>
    public static byte[] BuildTar()
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var dir in new[] { "bin", "etc", "home", "usr", "usr/bin", "usr/local", "usr/local/bin", "var", "var/run" })
            {
                AddDirectory(tar, dir, Dir755);
            }

            AddDirectory(tar, "root", Dir700);
            AddDirectory(tar, "tmp", Sticky1777);
            AddFile(tar, "bin/bash", File.ReadAllBytes(BashStatic), Dir755);
            AddFile(tar, "bin/busybox", File.ReadAllBytes(BusyboxStatic), Dir755);
            foreach (var applet in Applets.Order(StringComparer.Ordinal))
            {
                AddSymlink(tar, "bin/" + applet, "busybox");
            }

            AddFile(tar, "etc/passwd", Text(
                "root:x:0:0:root:/root:/bin/sh\n" +
                $"claude:x:{AgentUid}:{AgentGid}:claude:/home/claude:/bin/bash\n"), File644);
            AddFile(tar, "etc/group", Text($"root:x:0:\nclaude:x:{AgentGid}:\n"), File644);
        }

        return buffer.ToArray();
    }

    /// <summary>First 12 hex digits of a SHA-256 over the tar and the image config: the same inputs give the same tag.</summary>
    public static string ContentTag(byte[] tar, string config)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(tar);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(config));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static byte[] Text(string content) => System.Text.Encoding.UTF8.GetBytes(content);

    private static void AddDirectory(TarWriter tar, string path, UnixFileMode mode) =>
        tar.WriteEntry(Stamp(new UstarTarEntry(TarEntryType.Directory, path + "/"), mode));

    private static void AddSymlink(TarWriter tar, string path, string target)
    {
        var entry = new UstarTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target };
        tar.WriteEntry(Stamp(entry, (UnixFileMode)0b111_111_111));
    }

    private static void AddFile(TarWriter tar, string path, byte[] content, UnixFileMode mode)
    {
        var entry = Stamp(new UstarTarEntry(TarEntryType.RegularFile, path), mode);
        entry.DataStream = new MemoryStream(content, writable: false);
        tar.WriteEntry(entry);
    }

    private static UstarTarEntry Stamp(UstarTarEntry entry, UnixFileMode mode)
    {
        entry.ModificationTime = FixedTime;
        entry.Mode = mode;
        entry.Uid = 0;
        entry.Gid = 0;
        entry.UserName = "root";
        entry.GroupName = "root";
        return entry;
    }
}
