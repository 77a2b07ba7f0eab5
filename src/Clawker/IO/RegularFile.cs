using System.Runtime.InteropServices;
using System.Text;
using Clawker.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Clawker.IO;

/// <summary>
/// Reads files that other people control (credentials, docker's config.json, image assets)
/// safely: only a regular file is opened (a FIFO would block the read forever, <c>/dev/zero</c>
/// never ends), at most a given number of bytes, and, with <see cref="ReadAsync"/>, within a time
/// bound. Links are followed; callers that must not follow them out of a tree check
/// <see cref="RealPath"/> first.
/// </summary>
internal static partial class RegularFile
{
    private static bool s_nativeStat = true;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What <paramref name="path"/> is, links followed, without opening it.</summary>
    public static FileKind KindOf(string path) => KindOf(path, out _);

    /// <summary><see cref="KindOf(string)"/>, also saying whether it could not be examined because a folder on the way cannot be searched (EACCES).</summary>
    private static FileKind KindOf(string path, out bool denied)
    {
        denied = false;
        if (OperatingSystem.IsWindows() || !s_nativeStat)
        {
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }

        int result;
        Native.FileStatus status;
        try
        {
            result = Native.Stat(path, out status);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // A runtime without the shim: the managed checks, and the callers' time bounds, remain.
            s_nativeStat = false;
            return KindOf(path, out denied);
        }

        if (result != 0)
        {
            // ENOENT / ENOTDIR: nothing there; anything else (ELOOP, EACCES on a folder on the way) cannot be examined.
            var errno = Marshal.GetLastPInvokeError();
            denied = errno == Native.EACCES;
            return errno is Native.ENOENT or Native.ENOTDIR ? FileKind.Missing : FileKind.Other;
        }

        return Native.KindOf(status.Mode);
    }

    /// <summary>
    /// The bytes of the regular file at <paramref name="path"/>, at most <paramref name="maxBytes"/>.
    /// </summary>
    /// <exception cref="FileReadException">Missing, not a regular file, too large, denied, or an I/O error; the message holds no content.</exception>
    public static byte[] Read(string path, long maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var kind = KindOf(path, out var denied);
        if (denied)
        {
            // A folder on the way the user cannot search (~/.docker left root's 0700 by `sudo docker`): a permission to fix, like an unreadable file.
            throw new FileReadException(path, FileReadFailure.Denied, "permission denied (a folder on the way cannot be searched)");
        }

        if (kind != FileKind.Regular)
        {
            throw kind == FileKind.Missing
                ? new FileReadException(path, FileReadFailure.NotFound, "no such file")
                : new FileReadException(path, FileReadFailure.NotRegular, $"it is {Describe(kind)}, not a regular file");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            // Checked again on what was opened: the path may have been swapped since it was examined.
            if (!OperatingSystem.IsWindows() && s_nativeStat && Native.FStat(stream.SafeFileHandle, out var status) == 0
                && Native.KindOf(status.Mode) is var opened && opened != FileKind.Regular)
            {
                throw new FileReadException(path, FileReadFailure.NotRegular, $"it is {Describe(opened)}, not a regular file");
            }

            if (stream.Length > maxBytes)
            {
                throw TooLarge(path, maxBytes);
            }

            return ReadCapped(stream, path, maxBytes);
        }
        catch (FileReadException)
        {
            throw;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileReadException(path, FileReadFailure.NotFound, "no such file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FileReadException(path, FileReadFailure.Denied, "permission denied", e);
        }
        catch (IOException e)
        {
            throw new FileReadException(path, FileReadFailure.Failed, $"it cannot be read ({e.GetType().Name}, HResult 0x{e.HResult:X8})", e);
        }
    }

    /// <summary><see cref="Read"/> as strict UTF-8 text (a leading BOM is dropped); invalid UTF-8 is refused with its byte offset only.</summary>
    /// <exception cref="FileReadException">As <see cref="Read"/>, or <see cref="FileReadFailure.NotText"/>.</exception>
    public static string ReadText(string path, long maxBytes) => DecodeUtf8(path, Read(path, maxBytes));

    /// <summary>Strict UTF-8 of <paramref name="bytes"/> read from <paramref name="path"/> (a leading BOM is dropped).</summary>
    /// <exception cref="FileReadException"><see cref="FileReadFailure.NotText"/>, with the byte offset only.</exception>
    public static string DecodeUtf8(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            // The exception's own message quotes the bytes: give the offset only.
            throw new FileReadException(path, FileReadFailure.NotText, $"it is not valid UTF-8 text (at byte {e.Index})");
        }
    }

    /// <summary><see cref="Read"/> on a dedicated thread, bounded by <paramref name="timeout"/> (a stalled network file system cannot hang the caller).</summary>
    /// <exception cref="FileReadException">As <see cref="Read"/>, or <see cref="FileReadFailure.TimedOut"/>.</exception>
    public static Task<byte[]> ReadAsync(string path, long maxBytes, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Bounded(() => Read(path, maxBytes), path, timeout, cancellationToken);

    /// <summary>Runs <paramref name="read"/> of <paramref name="path"/> on a dedicated thread, abandoned when it runs over <paramref name="timeout"/>.</summary>
    /// <exception cref="FileReadException"><see cref="FileReadFailure.TimedOut"/>, or what <paramref name="read"/> throws.</exception>
    public static async Task<T> Bounded<T>(Func<T> read, string path, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var task = Task.Factory.StartNew(read, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        AbandonedTask.Observe(task); // a read left behind at the timeout may still throw
        try
        {
            return await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new FileReadException(path, FileReadFailure.TimedOut, $"it could not be read within {timeout.TotalSeconds:0.###} s", e);
        }
    }

    /// <summary>A kind in words, for messages: "a named pipe (FIFO)".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "something that cannot be examined (a link loop, or a folder on the way that cannot be searched)",
    };

    private static byte[] ReadCapped(FileStream stream, string path, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes - buffer.Length + 1))) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                throw TooLarge(path, maxBytes);
            }
        }

        return buffer.ToArray();
    }

    private static FileReadException TooLarge(string path, long maxBytes) =>
        new(path, FileReadFailure.TooLarge, $"it is larger than {Size(maxBytes)}, the most Clawker reads from such a file");

    private static string Size(long bytes) => bytes >= 1 << 20 && bytes % (1 << 20) == 0
        ? $"{bytes >> 20} MiB"
        : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? $"{bytes >> 10} KiB" : $"{bytes} bytes";

    // .NET exposes no file type. The runtime's own native shim (libSystem.Native, shipped with
    // every .NET runtime on Unix, the one System.IO itself calls) has stat/fstat with a
    // platform-neutral struct and S_IF* bits, so no per-OS struct layout is needed here.
    private static partial class Native
    {
        public const int ENOENT = 2;
        public const int ENOTDIR = 20;
        public const int EACCES = 13; // the same on Linux and macOS

        private const int TypeMask = 0xF000;

        [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Stat(string path, out FileStatus output);

        [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
        public static partial int FStat(SafeFileHandle fd, out FileStatus output);

        public static FileKind KindOf(int mode) => (mode & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };

        // The shim's FileStatus (src/native/libs/System.Native/pal_io.h), the same on every Unix.
        [StructLayout(LayoutKind.Sequential)]
        public struct FileStatus
        {
            public int Flags;
            public int Mode;
            public uint Uid;
            public uint Gid;
            public long Size;
            public long ATime;
            public long ATimeNsec;
            public long MTime;
            public long MTimeNsec;
            public long CTime;
            public long CTimeNsec;
            public long BirthTime;
            public long BirthTimeNsec;
            public long Dev;
            public long RDev;
            public long Ino;
            public uint UserFlags;

            // Room to spare: a later runtime may append fields, and the shim writes the whole struct.
            public long Reserved0;
            public long Reserved1;
            public long Reserved2;
            public long Reserved3;
            public long Reserved4;
            public long Reserved5;
            public long Reserved6;
            public long Reserved7;
        }
    }
}
