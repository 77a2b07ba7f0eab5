namespace Clawker.Bundling;

/// <summary>
/// An exclusive lock on a bundle's output folder, held while bundling. Two bundles into one
/// folder can run at once in different processes (the inner builds of a multi-targeted project
/// given one output folder, projects sharing one, a build and a Cake run); without the lock one's
/// clean-up of stale files deletes the other's files half-written. It is the OS's file lock, so a
/// process that dies cannot leave it held.
/// </summary>
internal sealed class OutputFolderLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private OutputFolderLock(FileStream stream) => _stream = stream;

    /// <summary>Waits for the lock on <paramref name="outputDirectory"/>, telling <paramref name="onWait"/> once when it has to wait.</summary>
    public static OutputFolderLock Acquire(string outputDirectory, Action<string>? onWait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, ImageBundler.LockFileName);
        var said = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new OutputFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!said)
                {
                    onWait?.Invoke($"waiting for another bundle into {outputDirectory} to finish");
                    said = true;
                }

                cancellationToken.WaitHandle.WaitOne(RetryDelay);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
