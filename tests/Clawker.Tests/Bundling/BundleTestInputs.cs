using Clawker.Bundling;

namespace Clawker.Tests.Bundling;

/// <summary>A bundle into a test's temporary folder (its output, and any input files the test writes there).</summary>
internal static class TempBundle
{
    /// <summary>A new temporary folder for a bundle.</summary>
    public static TempDirectory New() => new("clawker-bundle-");

    public static BundleOptions Options(this TempDirectory temp, ImageOptions? image = null, string output = "out") => new()
    {
        ProjectName = "demo",
        OutputDirectory = temp.Combine(output),
        AssetRoots = [temp.Path],
        ImageOptions = image ?? new ImageOptions(),
    };

    /// <summary>The default options with asset overrides and extra files (asset name or context path to a file on disk).</summary>
    public static BundleOptions WithFiles(this TempDirectory temp, IReadOnlyDictionary<string, string>? overrides = null,
        IReadOnlyDictionary<string, string>? extraFiles = null) => new()
    {
        ProjectName = "demo",
        OutputDirectory = temp.Combine("out"),
        AssetRoots = [temp.Path],
        AssetOverrides = overrides ?? new Dictionary<string, string>(),
        ExtraFiles = extraFiles ?? new Dictionary<string, string>(),
    };
}
