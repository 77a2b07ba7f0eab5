using Clawker.Bundling;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Writes the agent image's build context (folder, tar, manifest.json) with
/// <see cref="ImageBundler.Bundle"/>. Target <c>ClawkerBundleImage</c>; errors
/// <c>CLAWKER3001</c> (asset file) and <c>CLAWKER3002</c> (image option).
/// </summary>
public sealed class BundleClawkerImage : ClawkerTask
{
    /// <summary>The project the image is for (<c>ClawkerImageProject</c>); names the tag.</summary>
    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The project's folder (<c>MSBuildProjectDirectory</c>): relative folders are resolved against it.</summary>
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Folder that receives <c>context.tar</c>, <c>manifest.json</c> and, by default, <c>context/</c> (<c>ClawkerImageOutputDir</c>).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;


    /// <summary><c>ClawkerBaseImage</c>; empty for the library's default.</summary>
    public string? BaseImage { get; set; }

    /// <summary><c>ClawkerClaudeCodeVersion</c>; empty for the pinned default.</summary>
    public string? ClaudeCodeVersion { get; set; }

    /// <summary><c>ClawkerImageMinimal</c>: <c>true</c> for a Dockerfile with no <c>RUN</c> step.</summary>
    public bool Minimal { get; set; }

    /// <summary><c>ClawkerAgentUser</c>; empty for <c>claude</c>.</summary>
    public string? AgentUser { get; set; }

    /// <summary><c>ClawkerAgentUid</c>; empty for 1001.</summary>
    public string? AgentUid { get; set; }

    /// <summary><c>ClawkerAgentGid</c>; empty for 1001.</summary>
    public string? AgentGid { get; set; }

    /// <summary><c>ClawkerExtraPackages</c>: Debian packages, separated by <c>;</c>, <c>,</c> or spaces.</summary>
    public string? ExtraPackages { get; set; }

    /// <summary><c>SOURCE_DATE_EPOCH</c> as the build sees it; empty for the library's constant.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>
    /// <c>ClawkerImageAsset</c> items: a file on disk with metadata <c>Asset</c> (replaces a
    /// built-in asset such as <c>entrypoint.sh</c>) or <c>ContextPath</c> (an extra file).
    /// </summary>
    public ITaskItem[] Assets { get; set; } = [];

    /// <summary>
    /// <c>ClawkerImageAssetRoots</c>: more folders (<c>;</c>-separated) that asset files may
    /// resolve into, besides the repository holding the project (else the project folder). An
    /// asset whose links lead elsewhere is refused (<c>CLAWKER3004</c>).
    /// </summary>
    public string? AssetRoots { get; set; }

    /// <summary><c>ClawkerImageBuildArg</c> items: the build argument's name in Include, its value in <c>Value</c> metadata (no place for a secret: Docker keeps it in the image history).</summary>
    public ITaskItem[] BuildArgs { get; set; } = [];

    /// <summary><c>ClawkerImagePlatform</c>: one platform such as <c>linux/arm64</c>; empty for the engine's own.</summary>
    public string? Platform { get; set; }

    /// <summary><c>ClawkerImagePull</c>: pull the base image again when building.</summary>
    public bool Pull { get; set; }

    /// <summary>The image tag, <c>clawker-&lt;project&gt;:sha-&lt;12 hex&gt;</c>.</summary>
    [Output]
    public string Tag { get; private set; } = string.Empty;

    /// <summary>SHA-256 (hex) over the Dockerfile and every file of the context.</summary>
    [Output]
    public string ContentHash { get; private set; } = string.Empty;

    /// <summary>
    /// In: <c>ClawkerImageContextDir</c>, the context folder; empty for <c>context/</c> in
    /// <see cref="OutputDirectory"/>. Refused (<c>CLAWKER3002</c>) when it holds anything the
    /// bundle's ownership record does not list (the project folder, a user's folder), or is or
    /// holds the output folder. Out: the context folder, full path.
    /// </summary>
    [Output]
    public string ContextDirectory { get; set; } = string.Empty;

    /// <summary>How many files this run wrote; 0 when the bundle was already up to date.</summary>
    [Output]
    public int FilesWritten { get; private set; }

    /// <inheritdoc />
    private protected override void Run(CancellationToken cancellationToken)
    {
        var options = BundleOptionsMapper.Map(this, note => Log.LogMessage(MessageImportance.Normal, "Clawker bundle: {0}", note));
        var result = ImageBundler.Bundle(options, cancellationToken);
        result.Findings.ToList().ForEach(Relay);

        Tag = result.Tag;
        ContentHash = result.ContentHash;
        ContextDirectory = result.ContextDirectory;
        FilesWritten = result.FilesWritten;
        Log.LogMessage(MessageImportance.Normal, "Clawker image {0}: {1} files written in {2}", result.Tag, result.FilesWritten, result.ContextDirectory);
    }
}
