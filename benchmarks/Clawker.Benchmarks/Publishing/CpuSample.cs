using System.Globalization;

namespace Clawker.Benchmarks.Publishing;

/// <summary>
/// CPU time (Linux clock ticks, from /proc) of this process, its waited-for children (the docker
/// CLI), the engine and the registry, whose pids image-push.sh passes in CLAWKER_BENCH_ENGINE_PID
/// and CLAWKER_BENCH_REGISTRY_PID. The machine may be shared: CPU says what a push costs where
/// wall time says how loaded the machine was.
/// </summary>
internal readonly record struct CpuSample(long Self, long Children, long Engine, long Registry)
{
    private const double MsPerTick = 10; // USER_HZ is 100 on Linux

    public static CpuSample Take()
    {
        var self = Ticks("self");
        return new CpuSample(self.Own, self.Children, Ticks(Pid("CLAWKER_BENCH_ENGINE_PID")).Own, Ticks(Pid("CLAWKER_BENCH_REGISTRY_PID")).Own);
    }

    public static double Ms(long ticks) => ticks * MsPerTick;

    private static string? Pid(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } pid ? pid : null;

    // utime+stime and cutime+cstime: fields 14-17 of /proc/PID/stat, after the ")" that ends the name.
    private static (long Own, long Children) Ticks(string? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return (0, 0);
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
        return (Field(14) + Field(15), Field(16) + Field(17));
    }
}

/// <summary>CPU summed over rounds: the client (this process or the CLI it ran), the engine and the registry.</summary>
internal sealed class CpuTotals
{
    private long _client;
    private long _engine;
    private long _registry;

    public void Add(CpuSample before, CpuSample after)
    {
        _client += after.Self - before.Self + after.Children - before.Children;
        _engine += after.Engine - before.Engine;
        _registry += after.Registry - before.Registry;
    }

    public string Describe(int rounds) => string.Create(
        CultureInfo.InvariantCulture,
        $"client {CpuSample.Ms(_client) / rounds:0.0} ms, engine {CpuSample.Ms(_engine) / rounds:0.0} ms, registry {CpuSample.Ms(_registry) / rounds:0.0} ms (mean of {rounds}, 10 ms ticks)");
}
