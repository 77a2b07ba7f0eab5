using Clawker.Bundling;

namespace Clawker.Tests.Bundling;

/// <summary>A temporary folder for a bundle's output (and any input files a test writes).</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("clawker-bundle-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public BundleOptions Options(ImageOptions? image = null, string output = "out") => new()
    {
        ProjectName = "demo",
        OutputDirectory = Combine(output),
        AssetRoots = [Path],
        ImageOptions = image ?? new ImageOptions(),
    };

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
