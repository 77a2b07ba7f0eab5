using BenchmarkDotNet.Attributes;
using Clawker.Docker;

namespace Clawker.Benchmarks.Docker;

/// <summary>
/// Warm ensure of an existing clawker-globals on the engine in DOCKER_HOST (one process, one
/// engine, many iterations). The whole-process comparisons are in benchmarks/docker-volume.sh.
/// </summary>
[MemoryDiagnoser]
public class GlobalsVolumeBenchmarks
{
    private DockerEngine _engine = null!;

    /// <summary>Connects and makes sure the volume exists, so every iteration is the warm path.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = DockerEngine.ConnectAsync().GetAwaiter().GetResult();
        GlobalsVolume.EnsureAsync(_engine).GetAwaiter().GetResult();
    }

    /// <summary>Disposes the engine.</summary>
    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    /// <summary>One ensure of the existing volume: a single inspect on the kept client.</summary>
    [Benchmark]
    public Task<VolumeEnsureResult> WarmEnsure() => GlobalsVolume.EnsureAsync(_engine);
}
