namespace Clawker.IO;

/// <summary>
/// A file could not be read as content. The message names the path and the reason, never any
/// of the file's content, so callers may wrap it into their own coded error as it is.
/// </summary>
internal sealed class FileReadException : IOException
{
    public FileReadException(string path, FileReadFailure failure, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        FilePath = path;
        Failure = failure;
        Reason = reason;
    }

    /// <summary>The path that was read.</summary>
    public string FilePath { get; }

    /// <summary>Why it failed.</summary>
    public FileReadFailure Failure { get; }

    /// <summary>The reason alone, without the path (for example "it is a named pipe (FIFO), not a regular file").</summary>
    public string Reason { get; }
}
