using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary><c>CLAWKER3001</c>: an asset override or extra file is missing or unreadable.</summary>
public sealed class AssetOverrideException : ClawkerException
{
    /// <summary>Creates the error for the file at <paramref name="path"/>.</summary>
    /// <param name="asset">The asset name or context path the file was meant for.</param>
    /// <param name="path">The path that could not be read.</param>
    /// <param name="reason">Why it could not be read.</param>
    /// <param name="innerException">The I/O failure, if any.</param>
    public AssetOverrideException(string asset, string path, string reason, Exception? innerException = null)
        : base(ErrorCodes.AssetOverrideMissing,
            $"The file for image asset '{asset}' cannot be read: {path} ({reason}). Fix the path or remove the override.",
            innerException)
    {
        Asset = asset;
        Path = path;
    }

    /// <summary>The asset name or context path.</summary>
    public string Asset { get; }

    /// <summary>The path that could not be read.</summary>
    public string Path { get; }
}
