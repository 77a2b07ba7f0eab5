using System.Diagnostics;
using System.Globalization;
using Clawker.Bundling;
using Clawker.Docker;
using Clawker.Images;

namespace Clawker.Benchmarks.Images;

/// <summary>
/// BuildKit vs the classic builder on one engine in one run, each through the Engine API
/// (AgentImageBuilder) and by <c>docker build</c> (DOCKER_BUILDKIT=1 / 0), interleaved rounds,
/// without and with the layer cache. Target: BuildKit through the API uncached at most half the
/// classic builder's time.
/// </summary>
internal static class BuilderTimings
{
    public static async Task<int> RunAsync(BundleResult bundle, int rounds)
    {
        using var engine = await DockerEngine.ConnectAsync();
        List<(string Name, Func<bool, Task<double>> Build)> ways =
        [
            ("API BuildKit", noCache => ApiAsync(engine, bundle, ImageBuilderKind.BuildKit, noCache)),
            ("API classic", noCache => ApiAsync(engine, bundle, ImageBuilderKind.Classic, noCache)),
            ("CLI classic (DOCKER_BUILDKIT=0)", noCache => ImageTimings.CliBuildAsync(bundle, noCache, buildKit: false)),
            ("CLI BuildKit (DOCKER_BUILDKIT=1)", noCache => ImageTimings.CliBuildAsync(bundle, noCache, buildKit: true)),
        ];
        foreach (var (name, build) in ways.ToList())
        {
            try
            {
                await build(false); // warm-up: JIT, connections, the engine's caches
            }
            catch (InvalidOperationException e) when (name.StartsWith("CLI BuildKit", StringComparison.Ordinal))
            {
                // docker CLI 23+ builds with BuildKit only through the buildx plugin.
                Console.WriteLine($"  {name}: not measured, the CLI cannot build with BuildKit here ({e.Message.Split('\n')[0].Trim()})");
                ways.Remove((name, build));
            }
        }

        foreach (var noCache in new[] { true, false })
        {
            var times = ways.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < ways.Count; i++)
                {
                    times[i].Add(await ways[i].Build(noCache));
                }
            }

            Console.WriteLine(Invariant($"image build by builder ({(noCache ? "no cache" : "cache warm")}), {rounds} interleaved rounds, median (min-max):"));
            for (var i = 0; i < ways.Count; i++)
            {
                Console.WriteLine(Invariant($"  {ways[i].Name,-34} {Median(times[i]),8:0.0} ms ({times[i].Min():0.0}-{times[i].Max():0.0})"));
            }

            Console.WriteLine(Invariant($"  ratio API BuildKit / API classic: {Median(times[0]) / Median(times[1]):0.00}{(noCache ? " (target <= 0.50)" : string.Empty)}"));
            Console.WriteLine(Invariant($"  ratio CLI classic / API BuildKit: {Median(times[2]) / Median(times[0]):0.00} (what a user of docker build without buildx has)"));
            if (ways.Count > 3)
            {
                Console.WriteLine(Invariant($"  ratio CLI BuildKit / API BuildKit: {Median(times[3]) / Median(times[0]):0.00} (>= 1: the API is no slower)"));
            }
        }

        return 0;
    }

    private static async Task<double> ApiAsync(DockerEngine engine, BundleResult bundle, ImageBuilderKind builder, bool noCache)
    {
        var sw = Stopwatch.StartNew();
        await AgentImageBuilder.BuildAsync(engine, bundle, new ImageBuildOptions { Force = true, NoCache = noCache, Builder = builder });
        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => ImageTimings.Median(values);

    private static string Invariant(FormattableString text) => ImageTimings.Invariant(text);
}
