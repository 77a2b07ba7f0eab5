using Cake.Core.IO;

namespace Clawker.Cake.Bundling;

/// <summary>What <see cref="ClawkerBundleAliases"/> wrote, and the tag the image should get.</summary>
public sealed class ClawkerBundleResult
{
    internal ClawkerBundleResult(DirectoryPath contextDirectory, FilePath tarPath, FilePath manifestPath, string tag, string contentHash, int filesWritten)
    {
        ContextDirectory = contextDirectory;
        TarPath = tarPath;
        ManifestPath = manifestPath;
        Tag = tag;
        ContentHash = contentHash;
        FilesWritten = filesWritten;
    }

    /// <summary>The build context as a folder, for <c>docker build DIR</c> and BuildKit.</summary>
    public DirectoryPath ContextDirectory { get; }

    /// <summary>The build context as a deterministic tar, for the Engine API's <c>/build</c>.</summary>
    public FilePath TarPath { get; }

    /// <summary>manifest.json: the tag, the content hash and every file with its mode and SHA-256.</summary>
    public FilePath ManifestPath { get; }

    /// <summary>The image tag, <c>clawker-&lt;project&gt;:sha-&lt;first 12 hex of the content hash&gt;</c>.</summary>
    public string Tag { get; }

    /// <summary>SHA-256 (lower-case hex) over the rendered Dockerfile and every file of the context.</summary>
    public string ContentHash { get; }

    /// <summary>How many files this run wrote; 0 when nothing changed since the last bundle.</summary>
    public int FilesWritten { get; }

    /// <summary>The build arguments, platform and pull its content hash covers; the build alias builds with them.</summary>
    internal Clawker.Images.ImageBuildInputs BuildInputs { get; init; } = Clawker.Images.ImageBuildInputs.None;

    /// <summary>The tag.</summary>
    public override string ToString() => Tag;
}
