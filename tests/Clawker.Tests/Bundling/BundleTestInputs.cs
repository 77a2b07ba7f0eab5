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

    /// <summary>Writes an input file under <c>in/</c> of the folder; returns its path.</summary>
    public static string Input(this TempDirectory temp, string name, string text)
    {
        var path = temp.Combine("in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The bundle is refused with <paramref name="kind"/>, and the folder (inputs and all) is exactly as it was.</summary>
    public static BundleException Refused(this TempDirectory temp, BundleOptions options, BundleErrorKind kind)
    {
        var before = TreeSnapshot.Of(temp.Path);
        var existed = Directory.Exists(options.OutputDirectory);
        var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(options, TestContext.Current.CancellationToken)).OfKind(kind);
        before.ShouldBeUnchanged(TreeSnapshot.Of(temp.Path));
        Directory.Exists(options.OutputDirectory).ShouldBe(existed, "nothing is written when the bundle is refused");
        return error;
    }
}
