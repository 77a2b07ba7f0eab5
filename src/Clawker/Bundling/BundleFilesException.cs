using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary>
/// The bundle's files cannot be written, or are missing when the image is built
/// (<see cref="ErrorCodes.BundleFilesUnavailable"/>, <c>CLAWKER3003</c>).
/// </summary>
public sealed class BundleFilesException : ClawkerException
{
    private BundleFilesException(string path, string message, Exception? innerException)
        : base(ErrorCodes.BundleFilesUnavailable, message, innerException)
    {
        Path = path;
    }

    /// <summary>The file or folder concerned.</summary>
    public string Path { get; }

    /// <summary>Writing into <paramref name="folder"/> failed with <paramref name="failure"/>.</summary>
    /// <param name="folder">The output or context folder.</param>
    /// <param name="failure">The system's I/O or access error.</param>
    /// <returns>The exception.</returns>
    public static BundleFilesException CannotWrite(string folder, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new BundleFilesException(
            folder,
            $"Cannot write the agent image bundle into {folder}: {failure.Message} Make the folder writable by this user (and not on a read-only file system), free disk space, or choose another output folder.",
            failure);
    }

    /// <summary>The bundle's context tar is not at <paramref name="tarPath"/>.</summary>
    /// <param name="tarPath">Where the tar was expected.</param>
    /// <returns>The exception.</returns>
    public static BundleFilesException TarMissing(string tarPath) => new(
        tarPath,
        $"The agent image bundle's context tar {tarPath} does not exist (deleted since it was bundled?). Bundle again first (ClawkerBundleImage, or ./build.sh --target=BundleAgentImage), then build the image.",
        null);
}
