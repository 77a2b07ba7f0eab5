using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary>
/// <c>CLAWKER3004</c>: an asset override or extra file resolves, through a symbolic link at some
/// depth, to a file outside the folders assets may come from (<see cref="BundleOptions.AssetRoots"/>).
/// A link planted in a pull request would otherwise copy a machine's secrets into the image.
/// </summary>
public sealed class AssetOutsideTreeException : ClawkerException
{
    /// <summary>Creates the error for the asset file at <paramref name="path"/>.</summary>
    /// <param name="asset">The asset name or context path the file was meant for.</param>
    /// <param name="path">The path as given.</param>
    /// <param name="resolvedPath">Where its links lead.</param>
    /// <param name="roots">The folders assets may come from.</param>
    public AssetOutsideTreeException(string asset, string path, string resolvedPath, IReadOnlyList<string> roots)
        : base(ErrorCodes.AssetOutsideTree,
            $"The file for image asset '{asset}', {path}, is a link (or lies under one) that leads to {resolvedPath}, outside the folders image assets may come from ({string.Join(", ", roots ?? [])}). Clawker does not copy files from outside the project's tree into an image. Replace the link by the file itself, or add its folder to the asset roots (ClawkerImageAssetRoots in MSBuild, AssetRoots in Cake and the library).")
    {
        Asset = asset;
        Path = path;
        ResolvedPath = resolvedPath;
    }

    /// <summary>The asset name or context path.</summary>
    public string Asset { get; }

    /// <summary>The path as given.</summary>
    public string Path { get; }

    /// <summary>Where its links lead.</summary>
    public string ResolvedPath { get; }
}
