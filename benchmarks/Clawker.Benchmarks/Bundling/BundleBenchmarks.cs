using BenchmarkDotNet.Attributes;
using Clawker.Bundling;

namespace Clawker.Benchmarks.Bundling;

/// <summary>
/// Bundling the default image, warm and in process (target: under 20 ms). Three cases: the
/// whole bundle in memory (render, hash, tar, manifest), a first bundle into an empty folder,
/// and a re-bundle with nothing changed, which must write no file.
/// </summary>
[MemoryDiagnoser]
public class BundleBenchmarks
{
    private string root = string.Empty;
    private BundleOptions unchanged = null!;
    private BundleOptions fresh = null!;

    /// <summary>Bundles once so the unchanged case has something to compare against.</summary>
    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("clawker-bench-").FullName;
        unchanged = new BundleOptions { ProjectName = "bench", OutputDirectory = Path.Combine(root, "unchanged") };
        fresh = new BundleOptions { ProjectName = "bench", OutputDirectory = Path.Combine(root, "fresh") };
        ImageBundler.Bundle(unchanged);
    }

    /// <summary>Empties the fresh output folder before each iteration.</summary>
    [IterationSetup(Target = nameof(BundleIntoEmptyFolder))]
    public void EmptyFreshFolder()
    {
        if (Directory.Exists(fresh.OutputDirectory))
        {
            Directory.Delete(fresh.OutputDirectory, recursive: true);
        }
    }

    /// <summary>Render, hash, tar and manifest, nothing written.</summary>
    [Benchmark]
    public int PlanInMemory() => BundlePlan.Create(unchanged).Tar.Length;

    /// <summary>A first bundle: every file written.</summary>
    [Benchmark]
    public int BundleIntoEmptyFolder() => ImageBundler.Bundle(fresh).FilesWritten;

    /// <summary>A re-bundle with nothing changed: compares, writes nothing.</summary>
    [Benchmark(Baseline = true)]
    public int RebundleUnchanged()
    {
        var result = ImageBundler.Bundle(unchanged);
        return result.FilesWritten == 0
            ? result.Files.Count
            : throw new InvalidOperationException($"an unchanged re-bundle wrote {result.FilesWritten} files");
    }

    /// <summary>Removes the temporary folders.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(root, recursive: true);
}
