using Clawker.Bundling;
using Clawker.Diagnostics;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>Translates <see cref="BundleClawkerImage"/>'s parameters into the library's <see cref="BundleOptions"/>.</summary>
internal static class BundleOptionsMapper
{
    /// <summary>Item metadata naming the built-in asset a <c>ClawkerImageAsset</c> replaces.</summary>
    public const string AssetMetadata = "Asset";

    /// <summary>Item metadata giving an extra file's path inside the context.</summary>
    public const string ContextPathMetadata = "ContextPath";

    public static BundleOptions Map(BundleClawkerImage task, Action<string>? log = null)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in task.Assets)
        {
            var path = item.GetMetadata("FullPath");
            var asset = item.GetMetadata(AssetMetadata);
            var contextPath = item.GetMetadata(ContextPathMetadata);
            if (asset.Length > 0 && contextPath.Length > 0)
            {
                throw new InvalidPropertyException(
                    $"The ClawkerImageAsset item '{item.ItemSpec}' has both Asset=\"{asset}\" (replace a built-in asset) and ContextPath=\"{contextPath}\" (add a file to the image context); an item does one or the other. Keep the one you mean, or add the file twice as two items.");
            }

            if (asset.Length > 0)
            {
                overrides[asset] = path;
            }
            else if (contextPath.Length > 0)
            {
                extras[contextPath] = path;
            }
            else if (AssetNames.All.Contains(item.GetMetadata("Filename") + item.GetMetadata("Extension"), StringComparer.Ordinal))
            {
                // A file named like a built-in asset replaces it: <ClawkerImageAsset Include="entrypoint.sh" />.
                overrides[item.GetMetadata("Filename") + item.GetMetadata("Extension")] = path;
            }
            else
            {
                throw new InvalidPropertyException(
                    $"The ClawkerImageAsset item '{item.ItemSpec}' says neither what it replaces nor where it goes. Add Asset=\"{string.Join("|", AssetNames.All)}\" to replace a built-in asset, or ContextPath=\"relative/path\" to add a file to the image context.");
            }
        }

        var (output, context) = BundleFolders.Resolve(task.ProjectDirectory, task.OutputDirectory, task.ContextDirectory);
        return new BundleOptions
        {
            ProjectName = task.ProjectName,
            OutputDirectory = output,
            ContextDirectory = context,
            AssetOverrides = overrides,
            ExtraFiles = extras,
            AssetRoots = BundleFolders.AssetRoots(task.ProjectDirectory, task.AssetRoots),
            SourceDateEpoch = SourceDateEpoch.Parse(task.SourceDateEpoch),
            Log = log,
            BuildInputs = BuildInputsMapper.Map(task.BuildArgs, task.Platform, task.Pull),
            ImageOptions = ImageOptions.Create(
                task.BaseImage, task.ClaudeCodeVersion, task.Minimal, task.AgentUser, task.AgentUid, task.AgentGid, ClawkerSettingParser.List(task.ExtraPackages)),
        };
    }
}
