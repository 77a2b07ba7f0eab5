namespace Clawker.IO;

/// <summary>
/// A file could not be read as content. The message names the path and the reason, never any
/// of the file's content, so callers may wrap it into their own coded error as it is.
/// </summary>
/// <param name="path">The path that was read.</param>
/// <param name="failure">Why it failed.</param>
/// <param name="reason">The reason alone, without the path (for example "it is a named pipe (FIFO), not a regular file").</param>
/// <param name="inner">The exception behind it, if any.</param>
internal sealed class FileReadException(string path, FileReadFailure failure, string reason, Exception? inner = null)
    : IOException($"{path}: {reason}", inner)
{
    public string FilePath => path;

    public FileReadFailure Failure => failure;

    public string Reason => reason;
}
