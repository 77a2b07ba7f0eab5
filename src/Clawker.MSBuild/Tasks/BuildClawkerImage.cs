using Clawker.Diagnostics;
using Clawker.Docker;
using Clawker.Images;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Builds the agent image from the bundle on the Docker engine
/// (<see cref="AgentImageBuilder.BuildAsync(DockerEngine, string, string, string, ImageBuildOptions?, IProgress{string}?, CancellationToken)"/>):
/// skipped after one image inspect when the <c>sha-</c> tag exists. Target <c>ClawkerBuildImage</c>;
/// errors <c>CLAWKER4001</c>/<c>CLAWKER4002</c>, <c>CLAWKER4005</c>/<c>CLAWKER4006</c> and <c>CLAWKER6001</c>-<c>CLAWKER6007</c>
/// (a base image behind a registry login, pulled first with docker's credentials), and <c>CLAWKER2001</c>-<c>CLAWKER2005</c>.
/// </summary>
public sealed class BuildClawkerImage : BundledImageTask
{
    /// <summary><c>ClawkerForceImageBuild</c>: build even when the tag exists.</summary>
    public bool Force { get; set; }

    /// <summary><c>ClawkerImageNoCache</c>: ignore the engine's layer cache.</summary>
    public bool NoCache { get; set; }

    /// <summary><c>ClawkerImageBuilder</c>: <c>auto</c> (default), <c>buildkit</c> or <c>classic</c>.</summary>
    public string? Builder { get; set; }

    /// <summary><c>ClawkerImageBuildArg</c> items: the build argument's name in Include, its value in <c>Value</c> metadata (no place for a secret: Docker keeps it in the image history).</summary>
    public ITaskItem[] BuildArgs { get; set; } = [];

    /// <summary><c>ClawkerImagePlatform</c>: one platform such as <c>linux/arm64</c>; empty for the engine's own.</summary>
    public string? Platform { get; set; }

    /// <summary><c>ClawkerImagePull</c>: pull the base image again when building.</summary>
    public bool Pull { get; set; }

    /// <summary>The image's ID (<c>sha256:...</c>).</summary>
    [Output]
    public string ImageId { get; private set; } = string.Empty;

    /// <summary>The <c>clawker-&lt;project&gt;:latest</c> tag.</summary>
    [Output]
    public string LatestTag { get; private set; } = string.Empty;

    /// <summary>Whether the build was skipped because the tag already existed.</summary>
    [Output]
    public bool Skipped { get; private set; }

    /// <inheritdoc />
    private protected override void Run(CancellationToken cancellationToken)
    {
        using var engine = Connect(cancellationToken);
        var result = AgentImageBuilder.BuildAsync(
            engine, TarPath, Tag, ContentHash, new ImageBuildOptions
            {
                Force = Force,
                NoCache = NoCache,
                Builder = ClawkerSettingParser.Builder(SettingKeys.ImageBuilder, Builder),
                Inputs = BuildInputsMapper.Map(BuildArgs, Platform, Pull),
            }, EngineProgress(), cancellationToken)
            .GetAwaiter().GetResult();

        ImageId = result.ImageId;
        LatestTag = result.LatestTag;
        Skipped = result.Skipped;
        Log.LogMessage(
            MessageImportance.High,
            result.Skipped ? "Clawker image {0} is up to date (build skipped)" : "Clawker image {0} built ({1})",
            result.Tag,
            result.ImageId);
    }
}
