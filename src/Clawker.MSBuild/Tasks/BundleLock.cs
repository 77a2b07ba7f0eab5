using Microsoft.Build.Utilities;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// An exclusive lock on the bundle's output folder, held while bundling. Two builds that share
/// the folder (the inner builds of a multi-targeted project given one ClawkerImageOutputDir,
/// projects sharing one from Directory.Build.props) run in parallel, in different processes;
/// without it one build's clean-up of stale files deletes the other's files half-written.
/// The lock is the OS's file lock, released when the process ends, so a crash cannot leave it held.
/// </summary>
internal sealed class BundleLock : IDisposable
{
    /// <summary>The lock file's name inside the output folder.</summary>
    public const string FileName = ".clawker-bundle.lock";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private BundleLock(FileStream stream) => _stream = stream;

    public static BundleLock Acquire(string outputDirectory, TaskLoggingHelper log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, FileName);
        var said = false;
        while (true)
        {
            try
            {
                return new BundleLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!said)
                {
                    log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "Clawker bundle: waiting for another build bundling into {0}", outputDirectory);
                    said = true;
                }

                cancellationToken.WaitHandle.WaitOne(RetryDelay);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
