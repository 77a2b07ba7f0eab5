using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary>What <see cref="ImageBundler.Bundle"/> wrote, and the tag the image should get.</summary>
public sealed class BundleResult
{
    internal BundleResult(string contextDirectory, string tarPath, string manifestPath, string tag, string contentHash,
        IReadOnlyList<BundleFile> files, int filesWritten, int filesRemoved, IReadOnlyList<ClawkerFinding> findings)
    {
        Findings = findings;
        ContextDirectory = contextDirectory;
        TarPath = tarPath;
        ManifestPath = manifestPath;
        Tag = tag;
        ContentHash = contentHash;
        Files = files;
        FilesWritten = filesWritten;
        FilesRemoved = filesRemoved;
    }

    /// <summary>The build context as a folder, for <c>docker build DIR</c> and BuildKit.</summary>
    public string ContextDirectory { get; }

    /// <summary>The build context as a tar, for the Engine API's <c>/build</c>.</summary>
    public string TarPath { get; }

    /// <summary>manifest.json: the tag, the content hash and every file with its mode and SHA-256.</summary>
    public string ManifestPath { get; }

    /// <summary>The image tag, <c>clawker-&lt;project&gt;:sha-&lt;first 12 hex of the content hash&gt;</c>.</summary>
    public string Tag { get; }

    /// <summary>SHA-256 (lower-case hex) over the rendered Dockerfile and every file of the context.</summary>
    public string ContentHash { get; }

    /// <summary>Every file of the context, sorted by path.</summary>
    public IReadOnlyList<BundleFile> Files { get; }

    /// <summary>How many files this run wrote (context files, tar, manifest); 0 when nothing changed.</summary>
    public int FilesWritten { get; }

    /// <summary>
    /// Warnings about what the image gives the agents, already classified (the surfaces relay
    /// them): an <c>apiKeyHelper</c> the bundle cannot check (<c>CLAWKER3006</c>). Empty when none.
    /// </summary>
    public IReadOnlyList<ClawkerFinding> Findings { get; }

    /// <summary>How many stale files or folders this run removed from the context folder.</summary>
    public int FilesRemoved { get; }

    /// <summary>The build arguments, platform and pull the content hash covers (<see cref="BundleOptions.BuildInputs"/>).</summary>
    public Clawker.Images.ImageBuildInputs BuildInputs { get; init; } = Clawker.Images.ImageBuildInputs.None;
}

/// <summary>One file of the build context.</summary>
/// <param name="Path">Path inside the context, forward slashes.</param>
/// <param name="Mode">Unix mode, 0755 for scripts and 0644 otherwise.</param>
/// <param name="Sha256">SHA-256 of the content as bundled (lower-case hex).</param>
/// <param name="Size">Length in bytes, as bundled.</param>
public sealed record BundleFile(string Path, UnixFileMode Mode, string Sha256, long Size);
