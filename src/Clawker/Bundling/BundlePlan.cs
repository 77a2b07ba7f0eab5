using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary>The whole bundle in memory (entries, hash, tag, tar and manifest bytes), before anything touches the disk.</summary>
internal sealed record BundlePlan(IReadOnlyList<ContextEntry> Entries, string ContentHash, string Tag, byte[] Tar, byte[] Manifest,
    IReadOnlyList<ClawkerFinding> Findings)
{
    public static BundlePlan Create(BundleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.OutputDirectory))
        {
            throw BundleException.InvalidOption("OutputDirectory", "it is empty; give the folder to write the context to, such as artifacts/agent-image.");
        }

        var epoch = options.SourceDateEpoch ?? SourceDateEpoch.Default;
        if (epoch is < 0 or > SourceDateEpoch.Maximum)
        {
            throw BundleException.InvalidOption("SourceDateEpoch", $"{epoch} is not between 0 and {SourceDateEpoch.Maximum} seconds since 1970.");
        }

        _ = ImageTag.NormalizeProject(options.ProjectName);
        var image = ImageOptionsValidator.Validate(options.ImageOptions ?? new ImageOptions());
        var entries = ContextLayout.Build(options, image);
        // Before anything is written: a refused bundle leaves the disk as it was.
        CredentialFiles.Refuse(entries);
        var findings = BundledSettings.Check(entries, image.AgentUser, !options.AssetOverrides.ContainsKey(AssetNames.Dockerfile));
        var hash = ContentHasher.Hash(entries, (options.BuildInputs ?? Clawker.Images.ImageBuildInputs.None).Validate().HashInput());
        var tag = ImageTag.For(options.ProjectName, hash);
        return new BundlePlan(entries, hash, tag, ContextTar.Write(entries, epoch), BundleManifest.Write(tag, hash, epoch, entries), findings);
    }
}
