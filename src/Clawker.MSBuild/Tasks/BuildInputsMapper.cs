using Clawker.Diagnostics;
using Clawker.Images;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// <c>ClawkerImageBuildArg</c> items (name in Include, value in <c>Value</c>), <c>ClawkerImagePlatform</c>
/// and <c>ClawkerImagePull</c> → the library's build inputs, the same for the bundle (its hash)
/// and the build. The library validates them (CLAWKER4003); a name given twice keeps the last.
/// </summary>
internal static class BuildInputsMapper
{
    public static ImageBuildInputs Map(ITaskItem[]? buildArgs, string? platform, bool pull)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in buildArgs ?? [])
        {
            args[item.ItemSpec] = item.GetMetadata("Value");
        }

        return new ImageBuildInputs { BuildArgs = args, Platform = ClawkerSettingParser.Text(platform), Pull = pull };
    }
}
