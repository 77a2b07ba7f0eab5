namespace Clawker.Bundling;

/// <summary>
/// Writes a file only when its bytes change, through a temporary file in the same folder and
/// a rename, so a reader (or a crash) never sees a half-written file and an unchanged file
/// keeps its mtime.
/// </summary>
internal static partial class AtomicFile
{
    private const string TempMarker = ".clawker-tmp-";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless it already holds it; true when written.</summary>
    public static bool WriteIfChanged(string path, byte[] content, UnixFileMode? mode = null)
    {
        var written = false;
        if (!HasContent(path, content))
        {
            var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}{TempMarker}{Guid.NewGuid():N}");
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (mode is { } m && !OperatingSystem.IsWindows())
            {
                // Born with its final mode (less the umask): never, even for a moment, more readable than it will be.
                create.UnixCreateMode = m;
            }

            try
            {
                using (var stream = new FileStream(temp, create))
                {
                    stream.Write(content);
                    stream.Flush(flushToDisk: true);
                }

                SetMode(temp, mode);
                File.Move(temp, path, overwrite: true);
                written = true;
            }
            finally
            {
                File.Delete(temp);
            }
        }
        else
        {
            SetMode(path, mode);
        }

        return written;
    }

    /// <summary>Sets the Unix mode when it differs (a chmod changes no content and no mtime); nothing on Windows.</summary>
    public static void SetMode(string path, UnixFileMode? mode)
    {
        if (mode is { } wanted && !OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != wanted)
        {
            File.SetUnixFileMode(path, wanted);
        }
    }

    /// <summary>For a temporary file's name (<c>.NAME.clawker-tmp-GUID</c>), the NAME it was for; otherwise null.</summary>
    public static string? TempOwner(string fileName)
    {
        var match = TempName().Match(fileName);
        return match.Success ? match.Groups[1].Value : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\.(.+)\.clawker-tmp-[0-9a-f]{32}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex TempName();

    private static bool HasContent(string path, byte[] content)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null || info.Length != content.Length)
        {
            return false;
        }

        return File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
    }
}
