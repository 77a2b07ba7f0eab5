using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Clawker.Docker;

namespace Clawker.Benchmarks.Docker;

/// <summary>
/// Whole-process timings that BenchmarkDotNet cannot take (it warms up): run by
/// benchmarks/docker-volume.sh, each mode in a fresh process, against the engine in DOCKER_HOST.
/// </summary>
internal static class DockerTimings
{
    private static readonly string[] CliLabels = ["--label", "com.clawker.managed=true", "--label", "com.clawker.purpose=globals"];

    public static async Task<int> RunAsync(string mode, string[] args)
    {
        switch (mode)
        {
            case "first-ensure":
                return await FirstEnsureAsync();
            case "warm-vs-cli":
                return await WarmVersusCliAsync(Count(args, 0, 2000), Count(args, 1, 30));
            case "unreachable":
                return await UnreachableAsync(args.Length > 0 ? args[0] : "missing");
            case "silent":
                return await SilentAsync(Count(args, 0, 5));
            default:
                Console.Error.WriteLine($"unknown mode {mode}: first-ensure | warm-vs-cli [ensures] [cli-runs] | unreachable missing|refused | silent [runs]");
                return 2;
        }
    }

    // The first thing this process does: resolve, connect, check the version, ensure (JIT included).
    private static async Task<int> FirstEnsureAsync()
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var sw = Stopwatch.StartNew();
        using var engine = await DockerEngine.ConnectAsync();
        var result = await GlobalsVolume.EnsureAsync(engine);
        sw.Stop();
        Console.WriteLine(Invariant($"first-ensure: {sw.Elapsed.TotalMilliseconds:0.0} ms in-process (connect + version check + ensure, cold JIT; {result.Outcome}); runtime start to Main {sinceStart.TotalMilliseconds:0} ms; JIT {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms; CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:0} ms"));
        return 0;
    }

    private static async Task<int> WarmVersusCliAsync(int ensures, int cliRuns)
    {
        var requests = 0;
        var options = new DockerEndpointOptions { WrapHandler = inner => new CountingHandler(inner, () => Interlocked.Increment(ref requests)) };
        using var engine = await DockerEngine.ConnectAsync(options);
        await GlobalsVolume.EnsureAsync(engine);
        for (var i = 0; i < 200; i++)
        {
            await GlobalsVolume.EnsureAsync(engine); // warm up JIT and the connection
        }

        requests = 0;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < ensures; i++)
        {
            var result = await GlobalsVolume.EnsureAsync(engine);
            if (result.Outcome != VolumeEnsureOutcome.AlreadyExisted)
            {
                throw new InvalidOperationException("expected the warm path");
            }
        }

        sw.Stop();
        var warm = sw.Elapsed.TotalMilliseconds / ensures;
        var perEnsure = (double)requests / ensures;

        var cli = new List<double>();
        for (var i = 0; i < cliRuns; i++)
        {
            var start = Stopwatch.StartNew();
            using var docker = Process.Start(new ProcessStartInfo("docker", ["volume", "create", .. CliLabels, GlobalsVolume.Name])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            await docker.StandardOutput.ReadToEndAsync();
            await docker.WaitForExitAsync();
            if (docker.ExitCode != 0)
            {
                throw new InvalidOperationException($"docker volume create failed: {await docker.StandardError.ReadToEndAsync()}");
            }

            cli.Add(start.Elapsed.TotalMilliseconds);
        }

        var cliMean = cli.Average();
        Console.WriteLine(Invariant($"warm ensure: {warm * 1000:0} us mean over {ensures} ensures, {perEnsure:0.###} API requests per ensure"));
        Console.WriteLine(Invariant($"docker volume create (CLI process per call): {cliMean:0.0} ms mean over {cliRuns} runs (min {cli.Min():0.0}, max {cli.Max():0.0})"));
        Console.WriteLine(Invariant($"ratio: warm ensure is {cliMean / warm:0}x faster than the CLI (target >= 20x)"));
        return perEnsure == 1.0 ? 0 : 1;
    }

    // The first call of a fresh process to a socket that is missing or refuses (JIT included).
    private static async Task<int> UnreachableAsync(string kind)
    {
        var dir = Directory.CreateTempSubdirectory("clk-bench-").FullName;
        var socketPath = Path.Combine(dir, "docker.sock");
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        if (kind == "refused")
        {
            bound.Bind(new UnixDomainSocketEndPoint(socketPath)); // never listens: ECONNREFUSED
        }

        try
        {
            var sw = Stopwatch.StartNew();
            try
            {
                using var engine = await DockerEngine.ConnectAsync(new DockerEndpointOptions { Host = "unix://" + socketPath });
                Console.WriteLine("unexpected: connected");
                return 1;
            }
            catch (DockerEngineException ex) when (ex.Kind == DockerEngineErrorKind.Unreachable)
            {
                sw.Stop();
                Console.WriteLine(Invariant($"unreachable ({kind}): failed in {sw.Elapsed.TotalMilliseconds:0.0} ms (first call of the process, target < 100 ms): {ex.Code}"));
                return 0;
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // An engine socket that accepts and never answers: how far past the connect timeout the
    // connect ends (the test only bounds it with seconds of slack).
    private static async Task<int> SilentAsync(int runs)
    {
        var dir = Directory.CreateTempSubdirectory("clk-bench-").FullName;
        var socketPath = Path.Combine(dir, "docker.sock");
        var timeout = TimeSpan.FromMilliseconds(300);
        try
        {
            using var listening = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listening.Bind(new UnixDomainSocketEndPoint(socketPath));
            listening.Listen(64);
            var overshoots = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                try
                {
                    using var engine = await DockerEngine.ConnectAsync(new DockerEndpointOptions { Host = "unix://" + socketPath, ConnectTimeout = timeout });
                    Console.WriteLine("unexpected: connected");
                    return 1;
                }
                catch (DockerEngineException ex) when (ex.Kind == DockerEngineErrorKind.Unreachable)
                {
                    overshoots.Add(sw.Elapsed.TotalMilliseconds - timeout.TotalMilliseconds);
                }
            }

            var sorted = overshoots.Order().ToList();
            Console.WriteLine(Invariant($"silent engine: connect ends {sorted[sorted.Count / 2]:0.0} ms (median) / {sorted[^1]:0.0} ms (max) past its 300 ms timeout over {runs} connects (target < 100 ms)"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int Count(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class CountingHandler(HttpMessageHandler inner, Action count) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
