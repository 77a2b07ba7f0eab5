using Clawker.Bundling;
using Cake.Core.IO;

namespace Clawker.Cake.Bundling;

/// <summary>What <see cref="ClawkerBundleAliases"/> wrote, and the tag the image should get.</summary>
public sealed class ClawkerBundleResult
{
    // The library's result, shown in Cake's path types: one source for every value.
    private readonly BundleResult _result;

    internal ClawkerBundleResult(BundleResult result) => _result = result;

    /// <summary>The build context as a folder, for <c>docker build DIR</c> and BuildKit.</summary>
    public DirectoryPath ContextDirectory => new(_result.ContextDirectory);

    /// <summary>The build context as a deterministic tar, for the Engine API's <c>/build</c>.</summary>
    public FilePath TarPath => new(_result.TarPath);

    /// <summary>manifest.json: the tag, the content hash and every file with its mode and SHA-256.</summary>
    public FilePath ManifestPath => new(_result.ManifestPath);

    /// <summary>The image tag, <c>clawker-&lt;project&gt;:sha-&lt;first 12 hex of the content hash&gt;</c>.</summary>
    public string Tag => _result.Tag;

    /// <summary>SHA-256 (lower-case hex) over the rendered Dockerfile and every file of the context.</summary>
    public string ContentHash => _result.ContentHash;

    /// <summary>How many files this run wrote; 0 when nothing changed since the last bundle.</summary>
    public int FilesWritten => _result.FilesWritten;

    /// <summary>The build arguments, platform and pull its content hash covers; the build alias builds with them.</summary>
    internal Clawker.Images.ImageBuildInputs BuildInputs => _result.BuildInputs;

    /// <summary>The tag.</summary>
    public override string ToString() => Tag;
}
