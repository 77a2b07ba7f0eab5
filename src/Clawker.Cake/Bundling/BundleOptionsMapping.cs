using Cake.Core.IO;
using Clawker.Bundling;

namespace Clawker.Cake.Bundling;

/// <summary>Settings → the library's bundle options, and its result back. Pure, so unit tests cover it.</summary>
internal static class BundleOptionsMapping
{
    /// <summary>Where the bundle goes when <see cref="ClawkerBundleSettings.ImageOutputDir"/> is unset.</summary>
    public const string DefaultOutputDirectory = "artifacts/agent-image";

    public static BundleOptions ToBundleOptions(this ClawkerBundleSettings settings, ICakeEnvironment environment)
    {
        var workingDirectory = environment.WorkingDirectory;
        return new BundleOptions
        {
            ProjectName = string.IsNullOrWhiteSpace(settings.ImageProject)
                ? workingDirectory.GetDirectoryName().ToLowerInvariant()
                : settings.ImageProject,
            OutputDirectory = (settings.ImageOutputDir ?? new DirectoryPath(DefaultOutputDirectory)).MakeAbsolute(workingDirectory).FullPath,
            ContextDirectory = settings.ImageContextDir?.MakeAbsolute(workingDirectory).FullPath,
            ImageOptions = ImageOptions.Create(
                settings.BaseImage, settings.ClaudeCodeVersion, settings.ImageMinimal, settings.AgentUser, settings.AgentUid, settings.AgentGid, settings.ExtraPackages),
            AssetOverrides = Absolute(settings.AssetOverrides, workingDirectory),
            ExtraFiles = Absolute(settings.ExtraFiles, workingDirectory),
            AssetRoots = [ImageBundler.DefaultAssetRoot(workingDirectory.FullPath), .. settings.ImageAssetRoots.Select(r => r.MakeAbsolute(workingDirectory).FullPath)],
            SourceDateEpoch = settings.SourceDateEpoch ?? SourceDateEpoch.FromEnvironment(environment.GetEnvironmentVariable),
            BuildInputs = new Clawker.Images.ImageBuildInputs
            {
                BuildArgs = new Dictionary<string, string>(settings.ImageBuildArgs, StringComparer.Ordinal),
                Platform = Clawker.Diagnostics.ClawkerSettingParser.Text(settings.ImagePlatform),
                Pull = settings.ImagePull,
            },
        };
    }

    public static ClawkerBundleResult ToCakeResult(this BundleResult result) => new(result);

    private static Dictionary<string, string> Absolute(IDictionary<string, FilePath> files, DirectoryPath workingDirectory) =>
        files.ToDictionary(f => f.Key, f => f.Value.MakeAbsolute(workingDirectory).FullPath, StringComparer.Ordinal);
}
