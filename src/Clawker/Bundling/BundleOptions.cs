namespace Clawker.Bundling;

/// <summary>What to bundle and where: the input of <see cref="ImageBundler.Bundle"/>.</summary>
public sealed class BundleOptions
{
    /// <summary>
    /// The project the image is for; it names the tag <c>clawker-&lt;project&gt;:sha-&lt;12 hex&gt;</c>.
    /// Lower-cased, and characters a Docker repository name cannot hold become <c>-</c>.
    /// </summary>
    public required string ProjectName { get; init; }

    /// <summary>
    /// Folder that receives <c>context/</c>, <c>context.tar</c> and <c>manifest.json</c>, for
    /// example <c>artifacts/agent-image</c>. Created when missing.
    /// </summary>
    public required string OutputDirectory { get; init; }

    /// <summary>
    /// Folder that receives the build context instead of <c>context/</c> inside
    /// <see cref="OutputDirectory"/>; null for that default. Clawker empties or overwrites only
    /// what its ownership record (<see cref="ImageBundler.RecordFileName"/> in the output folder)
    /// proves it wrote: a new, missing or empty folder becomes the bundle's; a folder holding
    /// anything else (or the output folder, or one holding it) is refused with <c>CLAWKER3002</c>.
    /// </summary>
    public string? ContextDirectory { get; init; }

    /// <summary>Receives notes on what the bundle waits for (another bundle into the same output folder); null to ignore them.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The Dockerfile options (base image, agent user, Claude Code version, minimal mode).</summary>
    public ImageOptions ImageOptions { get; init; } = new();

    /// <summary>
    /// Replacement files for built-in assets: asset name (see <see cref="AssetNames"/>) to a
    /// path on disk. A missing or unreadable path fails with <c>CLAWKER3001</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> AssetOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Extra files for the build context: relative context path (forward slashes) to a path on
    /// disk. With the built-in Dockerfile, files under <c>home/&lt;agent user&gt;/</c> land in
    /// the agent's home directory.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The folders asset overrides and extra files may come from, checked with every link
    /// resolved: a file whose real path lies outside all of them is refused with
    /// <c>CLAWKER3004</c>. Empty: the repository holding the current folder (the nearest folder
    /// with a <c>.git</c>, see <see cref="ImageBundler.DefaultAssetRoot"/>), else the current folder.
    /// </summary>
    public IReadOnlyList<string> AssetRoots { get; init; } = [];

    /// <summary>
    /// The timestamp (seconds since 1970) every tar entry carries. Pass the caller's
    /// <c>SOURCE_DATE_EPOCH</c> (see <see cref="SourceDateEpoch.FromEnvironment"/>); when null,
    /// <see cref="SourceDateEpoch.Default"/>.
    /// </summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>
    /// Build arguments, platform and pull: they enter the content hash (a changed argument is a
    /// new tag) and <see cref="BundleResult.BuildInputs"/> hands them to the build. Default: none.
    /// </summary>
    public Clawker.Images.ImageBuildInputs BuildInputs { get; init; } = Clawker.Images.ImageBuildInputs.None;
}
