using Clawker.Bundling;
using Clawker.Diagnostics;

namespace Clawker.Cake.Diagnostics;

/// <summary>
/// What a library error leaves to the surface: the library's messages name no surface, so where
/// the fix is a Cake setting, the alias names it here, as Cake spells it.
/// </summary>
internal static class SurfaceAdvice
{
    /// <summary>A sentence to append to <paramref name="failure"/>'s message (starting with a space), or empty.</summary>
    public static string For(ClawkerException failure) => failure switch
    {
        BundleException { Kind: BundleErrorKind.AssetOutsideTree } =>
            " In Cake the asset roots are ClawkerBundleSettings.AssetRoots.",
        Clawker.Images.ImageBuildException { Option: "ImageBuildArgs" } =>
            " In Cake build arguments are ClawkerBundleSettings.ImageBuildArgs.",
        Clawker.Images.ImageBuildException { Option: "ImagePlatform" } =>
            " In Cake the platform is ClawkerBundleSettings.ImagePlatform.",
        _ => string.Empty,
    };
}
