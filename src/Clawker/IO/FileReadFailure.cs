namespace Clawker.IO;

/// <summary>Why <see cref="RegularFile.Read"/> refused or failed; each caller maps it to its own coded error.</summary>
internal enum FileReadFailure
{
    /// <summary>No such file (or a dangling link).</summary>
    NotFound,

    /// <summary>Not a regular file: a folder, FIFO, device or socket.</summary>
    NotRegular,

    /// <summary>Larger than the cap.</summary>
    TooLarge,

    /// <summary>Permission denied.</summary>
    Denied,

    /// <summary>Did not finish within the time bound (a stalled file system).</summary>
    TimedOut,

    /// <summary>Not valid UTF-8 text (<see cref="RegularFile.ReadText"/>).</summary>
    NotText,

    /// <summary>Any other I/O error.</summary>
    Failed,
}
