namespace Clawker.IO;

/// <summary>What a path is, links followed: only <see cref="Regular"/> is ever read as content.</summary>
internal enum FileKind
{
    /// <summary>Nothing there (or a dangling link).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A named pipe: a read blocks until a writer comes.</summary>
    Fifo,

    /// <summary>A character device such as <c>/dev/zero</c>: a read may never end.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A unix socket.</summary>
    Socket,

    /// <summary>Anything else, or a path that cannot be examined (a link loop, a denied folder).</summary>
    Other,
}
