using System.Diagnostics;
using System.Globalization;
using Clawker.Bundling;
using Clawker.Docker;
using Clawker.Images;

namespace Clawker.Benchmarks.Images;

/// <summary>
/// Whole-build timings run by benchmarks/image-build.sh against the engine in DOCKER_HOST:
/// the agent image built through the Engine API vs <c>docker build</c> of the same context
/// folder by the CLI (same engine, same run, interleaved), and an unchanged re-release
/// (bundle + build skipped) in a warm process.
/// </summary>
internal static class ImageTimings
{
    public static async Task<int> RunAsync(string mode, string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: image-timings api-vs-cli|rerelease|builders BASE_IMAGE [rounds]");
            return 2;
        }

        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
        var work = Directory.CreateTempSubdirectory("clawker-image-bench-").FullName;
        try
        {
            return mode switch
            {
                "api-vs-cli" => await ApiVersusCliAsync(args[0], work, rounds > 0 ? rounds : 10),
                "rerelease" => await RereleaseAsync(args[0], work, rounds > 0 ? rounds : 200),
                "builders" => await BuilderTimings.RunAsync(Bundle(args[0], work), rounds > 0 ? rounds : 5),
                _ => Usage(mode),
            };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int Usage(string mode)
    {
        Console.Error.WriteLine($"unknown mode {mode}: api-vs-cli | rerelease | builders");
        return 2;
    }

    private static BundleResult Bundle(string baseImage, string work) => ImageBundler.Bundle(new BundleOptions
    {
        ProjectName = "bench",
        OutputDirectory = Path.Combine(work, "agent-image"),
        ImageOptions = new ImageOptions { BaseImage = baseImage, Minimal = true },
    });

    // Interleaved rounds, each build from scratch (no cache) and then each with the cache warm:
    // the first is the engine doing the work, the second is mostly each client's own overhead.
    private static async Task<int> ApiVersusCliAsync(string baseImage, string work, int rounds)
    {
        var bundle = Bundle(baseImage, work);
        using var engine = await DockerEngine.ConnectAsync();
        // Warm-up of both paths (JIT, connection, engine caches), not measured.
        await AgentImageBuilder.BuildAsync(engine, bundle, new ImageBuildOptions { Force = true, Builder = ImageBuilderKind.Classic });
        await CliBuildAsync(bundle, noCache: false);

        foreach (var noCache in new[] { true, false })
        {
            var api = new List<double>();
            var cli = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var sw = Stopwatch.StartNew();
                await AgentImageBuilder.BuildAsync(engine, bundle, new ImageBuildOptions { Force = true, NoCache = noCache, Builder = ImageBuilderKind.Classic });
                api.Add(sw.Elapsed.TotalMilliseconds);
                cli.Add(await CliBuildAsync(bundle, noCache));
            }

            var label = noCache ? "no cache" : "cache warm";
            Console.WriteLine(Invariant($"image build ({label}), {rounds} interleaved rounds:"));
            Console.WriteLine(Invariant($"  Engine API (AgentImageBuilder, warm process): median {Median(api):0.0} ms (min {api.Min():0.0}, max {api.Max():0.0})"));
            Console.WriteLine(Invariant($"  docker build CLI (same tags and labels, DOCKER_BUILDKIT=0, process per build): median {Median(cli):0.0} ms (min {cli.Min():0.0}, max {cli.Max():0.0})"));
            Console.WriteLine(Invariant($"  ratio CLI/API: {Median(cli) / Median(api):0.00} (target >= 1.00: the API is no slower)"));
        }

        return 0;
    }

    // The same request the API path sends: both tags, the same labels, the classic builder (or BuildKit).
    internal static async Task<double> CliBuildAsync(BundleResult bundle, bool noCache, bool buildKit = false)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        var repository = bundle.Tag[..bundle.Tag.LastIndexOf(':')];
        foreach (var arg in (string[])["build", "-q", "-t", bundle.Tag, "-t", repository + ":latest"])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in AgentImageLabels.For("bench", bundle.ContentHash))
        {
            start.ArgumentList.Add("--label");
            start.ArgumentList.Add($"{key}={value}");
        }

        if (noCache)
        {
            start.ArgumentList.Add("--no-cache");
        }

        start.ArgumentList.Add(bundle.ContextDirectory);
        // The classic builder, as the API uses: a like-for-like comparison.
        start.Environment["DOCKER_BUILDKIT"] = buildKit ? "1" : "0";
        var sw = Stopwatch.StartNew();
        using var docker = Process.Start(start)!;
        var stderr = docker.StandardError.ReadToEndAsync();
        await docker.StandardOutput.ReadToEndAsync();
        await docker.WaitForExitAsync();
        var elapsed = sw.Elapsed.TotalMilliseconds;
        if (docker.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker build failed: {await stderr}");
        }

        return elapsed;
    }

    // An unchanged release: bundle (nothing to write) and build (skipped after one inspect),
    // as MSBuild or Cake does it, in a process that has done it before.
    private static async Task<int> RereleaseAsync(string baseImage, string work, int rounds)
    {
        var coldWatch = Stopwatch.StartNew();
        using (var first = await DockerEngine.ConnectAsync())
        {
            var built = await AgentImageBuilder.BuildAsync(first, Bundle(baseImage, work));
            Console.WriteLine(Invariant($"first release in this process (connect + bundle + build, cold JIT): {coldWatch.Elapsed.TotalMilliseconds:0.0} ms, skipped={built.Skipped}"));
        }

        var shared = new List<double>();
        var fresh = new List<double>();
        using var engine = await DockerEngine.ConnectAsync();
        for (var i = 0; i < rounds; i++)
        {
            var sw = Stopwatch.StartNew();
            var result = await AgentImageBuilder.BuildAsync(engine, Bundle(baseImage, work));
            shared.Add(sw.Elapsed.TotalMilliseconds);
            if (!result.Skipped)
            {
                throw new InvalidOperationException("expected an unchanged release to skip the build");
            }

            sw.Restart();
            using (var connected = await DockerEngine.ConnectAsync())
            {
                await AgentImageBuilder.BuildAsync(connected, Bundle(baseImage, work));
            }

            fresh.Add(sw.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(Invariant($"unchanged re-release, warm process, {rounds} rounds:"));
        Console.WriteLine(Invariant($"  bundle + skipped build, engine kept: median {Median(shared):0.00} ms, p95 {P95(shared):0.00} ms, max {shared.Max():0.00} ms"));
        Console.WriteLine(Invariant($"  connect + bundle + skipped build: median {Median(fresh):0.00} ms, p95 {P95(fresh):0.00} ms, max {fresh.Max():0.00} ms"));
        Console.WriteLine(Invariant($"  ratio to the 300 ms target (worst p95): {Math.Max(P95(shared), P95(fresh)) / 300:0.000}"));
        return 0;
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double P95(List<double> values) => values.Order().ElementAt((int)Math.Min(values.Count - 1, Math.Ceiling(values.Count * 0.95) - 1));

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
