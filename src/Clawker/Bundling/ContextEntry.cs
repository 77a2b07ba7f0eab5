namespace Clawker.Bundling;

/// <summary>One entry of the build context: a folder (path ends with '/') or a file with its bytes as bundled.</summary>
internal sealed record ContextEntry(string Path, UnixFileMode Mode, byte[]? Content)
{
    public const UnixFileMode ScriptMode = (UnixFileMode)0b111_101_101;   // 0755
    public const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;     // 0644
    public const UnixFileMode FolderMode = (UnixFileMode)0b111_101_101;   // 0755
    public const UnixFileMode PrivateFolderMode = (UnixFileMode)0b111_000_000; // 0700

    private const UnixFileMode OwnerBits = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public bool IsDirectory => Content is null;

    /// <summary>The permission bits of the file this entry was read from; null for a built-in asset.</summary>
    public UnixFileMode? SourceMode { get; init; }

    /// <summary>
    /// The mode of the copy in the context folder: <see cref="Mode"/>, less what the group and
    /// others may not do with the source (a 0600 source stays 0600 on disk). The tar keeps <see cref="Mode"/>.
    /// </summary>
    public UnixFileMode DiskMode => SourceMode is { } source ? Mode & (source | OwnerBits) : Mode;

    public static ContextEntry Folder(string path, UnixFileMode mode = FolderMode) =>
        new(path.EndsWith('/') ? path : path + "/", mode, null);

    public static ContextEntry File(string path, byte[] content) =>
        new(path, TextContent.IsScript(path, content) ? ScriptMode : FileMode, content);

    /// <summary>The mode as four octal digits, for example 0755.</summary>
    public string OctalMode => Convert.ToString((int)Mode, 8).PadLeft(4, '0');
}
