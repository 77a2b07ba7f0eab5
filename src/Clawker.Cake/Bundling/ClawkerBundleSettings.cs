using Cake.Core.IO;

namespace Clawker.Cake.Bundling;

/// <summary>
/// Settings of <see cref="ClawkerBundleAliases.ClawkerBundleImage(global::Cake.Core.ICakeContext, ClawkerBundleSettings)"/>.
/// Same options and defaults as the MSBuild properties named in each property's summary; unset
/// values take the library's defaults. Relative paths are relative to Cake's working directory.
/// </summary>
public sealed class ClawkerBundleSettings
{
    /// <summary>
    /// The project the image is for; it names the tag <c>clawker-&lt;project&gt;:sha-&lt;12 hex&gt;</c>.
    /// Unset: the working directory's name, lower-cased. MSBuild: <c>ClawkerImageProject</c>.
    /// </summary>
    public string? ImageProject { get; set; }

    /// <summary>Old name of <see cref="ImageProject"/>.</summary>
    [Obsolete("Use ImageProject (MSBuild: ClawkerImageProject).")]
    public string? Project { get => ImageProject; set => ImageProject = value; }

    /// <summary>
    /// The folder that receives <c>context/</c>, <c>context.tar</c> and <c>manifest.json</c>.
    /// Unset: <c>artifacts/agent-image</c>. MSBuild: <c>ClawkerImageOutputDir</c>. It must be
    /// new, empty, or a folder the bundle wrote (its record, <c>.clawker-bundle.json</c>, says
    /// so); any other folder is refused with CLAWKER3002 and nothing is written.
    /// </summary>
    public DirectoryPath? ImageOutputDir { get; set; }

    /// <summary>Old name of <see cref="ImageOutputDir"/>.</summary>
    [Obsolete("Use ImageOutputDir (MSBuild: ClawkerImageOutputDir).")]
    public DirectoryPath? OutputDirectory { get => ImageOutputDir; set => ImageOutputDir = value; }

    /// <summary>
    /// The context folder (for <c>docker build DIR</c>); unset: <c>context/</c> in <see cref="ImageOutputDir"/>.
    /// Clawker empties or overwrites only what its record proves it wrote: a folder holding anything else is
    /// refused with CLAWKER3002. MSBuild: <c>ClawkerImageContextDir</c>.
    /// </summary>
    public DirectoryPath? ImageContextDir { get; set; }

    /// <summary>The image to build on; unset: <c>node:22-bookworm-slim</c>. MSBuild: <c>ClawkerBaseImage</c>.</summary>
    public string? BaseImage { get; set; }

    /// <summary>
    /// The Claude Code npm version (<c>x.y.z</c>, <c>latest</c> or <c>stable</c>); unset: the version the library
    /// pins. Must stay unset in minimal mode. MSBuild: <c>ClawkerClaudeCodeVersion</c>.
    /// </summary>
    public string? ClaudeCodeVersion { get; set; }

    /// <summary>
    /// Minimal mode: a Dockerfile with no <c>RUN</c> step, for offline builds and bases that already hold
    /// Claude Code. Default <see langword="false"/>. MSBuild: <c>ClawkerImageMinimal</c>.
    /// </summary>
    public bool ImageMinimal { get; set; }

    /// <summary>Old name of <see cref="ImageMinimal"/>.</summary>
    [Obsolete("Use ImageMinimal (MSBuild: ClawkerImageMinimal).")]
    public bool Minimal { get => ImageMinimal; set => ImageMinimal = value; }

    /// <summary>The agent's user name; unset: <c>claude</c>. MSBuild: <c>ClawkerAgentUser</c>.</summary>
    public string? AgentUser { get; set; }

    /// <summary>The agent's numeric uid, as text (validated, CLAWKER3002); unset: <c>1001</c>. MSBuild: <c>ClawkerAgentUid</c>.</summary>
    public string? AgentUid { get; set; }

    /// <summary>The agent's numeric gid, as text (validated, CLAWKER3002); unset: <c>1001</c>. MSBuild: <c>ClawkerAgentGid</c>.</summary>
    public string? AgentGid { get; set; }

    /// <summary>Extra Debian packages to install (not in minimal mode). MSBuild: <c>ClawkerExtraPackages</c>.</summary>
    public IList<string> ExtraPackages { get; } = [];

    /// <summary>
    /// Replacement files for built-in assets: asset name (<c>Dockerfile</c>, <c>entrypoint.sh</c>, <c>settings.json</c>,
    /// <c>statusline.sh</c>) to a file. A missing or unreadable file fails with CLAWKER3001.
    /// MSBuild: <c>ClawkerImageAsset</c> items with <c>Asset</c> metadata.
    /// </summary>
    public IDictionary<string, FilePath> AssetOverrides { get; } = new Dictionary<string, FilePath>(StringComparer.Ordinal);

    /// <summary>
    /// Extra files for the build context: path inside the context (forward slashes) to a file. With the built-in
    /// Dockerfile, files under <c>home/&lt;agent user&gt;/</c> land in the agent's home folder.
    /// MSBuild: <c>ClawkerImageAsset</c> items with <c>ContextPath</c> metadata.
    /// </summary>
    public IDictionary<string, FilePath> ExtraFiles { get; } = new Dictionary<string, FilePath>(StringComparer.Ordinal);

    /// <summary>
    /// More folders that asset overrides and extra files may resolve into (every link followed),
    /// besides the repository holding the working directory (else the working directory). A file
    /// whose links lead elsewhere fails with CLAWKER3004. MSBuild: <c>ClawkerImageAssetRoots</c>.
    /// </summary>
    public IList<DirectoryPath> ImageAssetRoots { get; } = [];

    /// <summary>Old name of <see cref="ImageAssetRoots"/> (the same list).</summary>
    [Obsolete("Use ImageAssetRoots (MSBuild: ClawkerImageAssetRoots).")]
    public IList<DirectoryPath> AssetRoots => ImageAssetRoots;

    /// <summary>
    /// The timestamp (seconds since 1970) of every tar entry. Unset: <c>SOURCE_DATE_EPOCH</c> from Cake's
    /// environment, else a fixed constant, so the tar is byte-identical on every machine.
    /// MSBuild: <c>ClawkerSourceDateEpoch</c> (default <c>$(SOURCE_DATE_EPOCH)</c>).
    /// </summary>
    public long? SourceDateEpoch { get; set; }

    /// <summary>
    /// Build arguments (MSBuild: <c>ClawkerImageBuildArg</c> items): they enter the content hash, so a
    /// changed value is a new tag. Values never appear in Clawker's messages, but Docker keeps them in the
    /// image history: no place for a secret.
    /// </summary>
    public IDictionary<string, string> ImageBuildArgs { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>One target platform such as <c>linux/arm64</c>; unset: the engine's own. In the content hash. MSBuild: <c>ClawkerImagePlatform</c>.</summary>
    public string? ImagePlatform { get; set; }

    /// <summary>Pull the base image again when building (<c>docker build --pull</c>). In the content hash. MSBuild: <c>ClawkerImagePull</c>.</summary>
    public bool ImagePull { get; set; }
}
