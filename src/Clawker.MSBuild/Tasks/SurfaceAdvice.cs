using Clawker.Bundling;
using Clawker.Diagnostics;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// What a library error leaves to the surface: the library's messages name no surface, so where
/// the fix is an MSBuild property, the task names it here, as MSBuild spells it.
/// </summary>
internal static class SurfaceAdvice
{
    /// <summary>A sentence to append to <paramref name="failure"/>'s message (starting with a space), or empty.</summary>
    public static string For(ClawkerException failure) => failure switch
    {
        BundleException { Kind: BundleErrorKind.AssetOutsideTree } =>
            " In MSBuild the asset roots are the ClawkerImageAssetRoots property (folders separated by ';', relative to the project).",
        Clawker.Images.ImageBuildException { Option: "ImageBuildArgs" } =>
            " In MSBuild build arguments are ClawkerImageBuildArg items (Include=\"NAME\" Value=\"value\").",
        Clawker.Images.ImageBuildException { Option: "ImagePlatform" } =>
            " In MSBuild the platform is the ClawkerImagePlatform property.",
        _ => string.Empty,
    };
}
