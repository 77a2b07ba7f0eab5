using Clawker.Cake.Bundling;

namespace Clawker.Cake.Images;

/// <summary>Settings of <see cref="ClawkerImageAliases.ClawkerBuildImage"/>; the defaults match the MSBuild properties.</summary>
public sealed class ClawkerImageBuildSettings : ClawkerEngineSettings
{
    /// <summary>The bundle to build, as <c>ClawkerBundleImage</c> returned it.</summary>
    public ClawkerBundleResult? Bundle { get; set; }

    /// <summary>Build even when the <c>sha-</c> tag exists (<c>ClawkerImageForceBuild</c>, <c>--force</c>).</summary>
    public bool ImageForceBuild { get; set; }

    /// <summary>Ignore the engine's layer cache (<c>ClawkerImageNoCache</c>).</summary>
    public bool ImageNoCache { get; set; }

    /// <summary>Which builder: <c>Auto</c> (BuildKit when the engine offers it), <c>BuildKit</c> or <c>Classic</c>. MSBuild: <c>ClawkerImageBuilder</c>.</summary>
    public Clawker.Images.ImageBuilderKind ImageBuilder { get; set; }

    /// <summary>Old name of <see cref="ImageForceBuild"/>.</summary>
    [Obsolete("Use ImageForceBuild (MSBuild: ClawkerImageForceBuild).")]
    public bool Force { get => ImageForceBuild; set => ImageForceBuild = value; }

    /// <summary>Old name of <see cref="ImageNoCache"/>.</summary>
    [Obsolete("Use ImageNoCache (MSBuild: ClawkerImageNoCache).")]
    public bool NoCache { get => ImageNoCache; set => ImageNoCache = value; }
}
