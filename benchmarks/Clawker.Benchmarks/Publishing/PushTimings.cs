using System.Diagnostics;
using System.Globalization;
using Clawker.Bundling;
using Clawker.Docker;
using Clawker.Images;
using Clawker.Publishing;

namespace Clawker.Benchmarks.Publishing;

/// <summary>
/// Push timings run by benchmarks/image-push.sh against DOCKER_HOST and a loopback registry, with
/// the credentials in DOCKER_CONFIG's <c>auths</c> (read by both sides): the image pushed through the
/// Engine API (AgentImagePusher) vs <c>docker push</c> by the CLI (same engine, same image, fresh
/// repositories, interleaved), and an unchanged re-release (bundle + skipped build + skipped push) in
/// a warm process.
/// </summary>
internal static class PushTimings
{
    public static async Task<int> RunAsync(string mode, string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: push-timings api-vs-cli|rerelease BASE_IMAGE REGISTRY [rounds]");
            return 2;
        }

        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var work = Directory.CreateTempSubdirectory("clawker-push-bench-").FullName;
        try
        {
            return mode switch
            {
                "api-vs-cli" => await ApiVersusCliAsync(args[0], args[1], work, rounds > 0 ? rounds : 10),
                "rerelease" => await RereleaseAsync(args[0], args[1], work, rounds > 0 ? rounds : 200),
                _ => 2,
            };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static BundleResult Bundle(string project, string baseImage, string work) => ImageBundler.Bundle(new BundleOptions
    {
        ProjectName = project,
        OutputDirectory = Path.Combine(work, project),
        ImageOptions = new ImageOptions { BaseImage = baseImage, Minimal = true },
    });

    private static Task<ImagePushResult> PushAsync(DockerEngine engine, BundleResult bundle, string registry, bool force) =>
        AgentImagePusher.PushAsync(engine, bundle.TarPath, bundle.Tag, bundle.ContentHash, new ImagePushOptions { Registry = registry, Force = force });

    // Each round pushes the same image to a repository neither side has used: the registry has no
    // layer of it there, so both upload everything (the registry's storage is shared, as in production).
    private static async Task<int> ApiVersusCliAsync(string baseImage, string registry, string work, int rounds)
    {
        var bundle = Bundle("pushbench", baseImage, work);
        using var engine = await DockerEngine.ConnectAsync();
        await AgentImageBuilder.BuildAsync(engine, bundle);
        var run = Guid.NewGuid().ToString("N")[..6];
        // Warm-up of both paths, not measured.
        await PushAsync(engine, bundle, $"{registry}/warm{run}", force: true);
        await CliPushAsync(bundle.Tag, $"{registry}/warmcli{run}/clawker-pushbench");

        var api = new List<double>();
        var cli = new List<double>();
        var apiCpu = new CpuTotals();
        var cliCpu = new CpuTotals();
        for (var i = 0; i < rounds; i++)
        {
            var before = CpuSample.Take();
            var sw = Stopwatch.StartNew();
            await PushAsync(engine, bundle, $"{registry}/api{run}{i}", force: true);
            api.Add(sw.Elapsed.TotalMilliseconds);
            apiCpu.Add(before, CpuSample.Take());
            cli.Add(await CliPushAsync(bundle.Tag, $"{registry}/cli{run}{i}/clawker-pushbench", cliCpu));
        }

        Console.WriteLine(Invariant($"image push to {registry}, {rounds} interleaved rounds, fresh repository each:"));
        Console.WriteLine(Invariant($"  Engine API (AgentImagePusher: credentials, tag, sha- and latest, warm process): median {Median(api):0.0} ms (min {api.Min():0.0}, max {api.Max():0.0})"));
        Console.WriteLine(Invariant($"  docker push --all-tags CLI (sha- and latest, one process per push; tagging not timed): median {Median(cli):0.0} ms (min {cli.Min():0.0}, max {cli.Max():0.0})"));
        Console.WriteLine(Invariant($"  ratio CLI/API: {Median(cli) / Median(api):0.00} (target >= 1.00: the API is no slower)"));
        Console.WriteLine(Invariant($"  CPU per push, API: {apiCpu.Describe(rounds)}"));
        Console.WriteLine(Invariant($"  CPU per push, CLI: {cliCpu.Describe(rounds)}"));
        return 0;
    }

    // Like for like: both tags, as the API path pushes them, in the CLI's cheapest form (one process, --all-tags).
    private static async Task<double> CliPushAsync(string localTag, string repository, CpuTotals? cpu = null)
    {
        await DockerAsync("tag", localTag, $"{repository}:{localTag[(localTag.LastIndexOf(':') + 1)..]}");
        await DockerAsync("tag", localTag, $"{repository}:latest");
        var before = CpuSample.Take();
        var sw = Stopwatch.StartNew();
        await DockerAsync("push", "-q", "--all-tags", repository);
        var elapsed = sw.Elapsed.TotalMilliseconds;
        cpu?.Add(before, CpuSample.Take());
        return elapsed;
    }

    private static async Task DockerAsync(params string[] args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var docker = Process.Start(start)!;
        var stderr = docker.StandardError.ReadToEndAsync();
        await docker.StandardOutput.ReadToEndAsync();
        await docker.WaitForExitAsync();
        if (docker.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker {args[0]} failed: {await stderr}");
        }
    }

    // An unchanged release as MSBuild or Cake does it: bundle (nothing written), build (skipped
    // after one inspect), push (skipped after one question to the registry), engine kept.
    private static async Task<int> RereleaseAsync(string baseImage, string registry, string work, int rounds)
    {
        using var engine = await DockerEngine.ConnectAsync();
        var cold = Stopwatch.StartNew();
        var first = await PushAsync(engine, Bundle("rerelease", baseImage, work), registry, force: false);
        Console.WriteLine(Invariant($"first release in this process (bundle + build + push, cold JIT): {cold.Elapsed.TotalMilliseconds:0.0} ms, pushed={!first.Skipped}"));

        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var sw = Stopwatch.StartNew();
            var result = await PushAsync(engine, Bundle("rerelease", baseImage, work), registry, force: false);
            times.Add(sw.Elapsed.TotalMilliseconds);
            if (!result.Skipped || result.Built)
            {
                throw new InvalidOperationException("expected an unchanged release to skip the build and the push");
            }
        }

        Console.WriteLine(Invariant($"unchanged re-release (bundle + build skip + push skip), warm process, {rounds} rounds:"));
        Console.WriteLine(Invariant($"  median {Median(times):0.00} ms, p95 {P95(times):0.00} ms, max {times.Max():0.00} ms"));
        Console.WriteLine(Invariant($"  ratio to the 300 ms target (p95): {P95(times) / 300:0.000}"));
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double P95(List<double> values) => values.Order().ElementAt((int)Math.Min(values.Count - 1, Math.Ceiling(values.Count * 0.95) - 1));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
