using System.Diagnostics;
using System.Globalization;
using Clawker.Docker;
using Clawker.GlobalsLogin;
using Clawker.Keyring;

namespace Clawker.Benchmarks.Docker;

/// <summary>
/// The time the volume check adds to <c>ClawkerValidateCredentials</c> on a warm engine (the helper
/// image made, the JIT warm), against the docker CLI sequence a script would run for the same read
/// without starting anything (<c>docker create</c>, <c>docker cp</c>, <c>docker rm</c>). Run by
/// benchmarks/docker-volume.sh on a volume of its own (never the user's clawker-globals).
/// </summary>
internal static class GlobalsLoginTimings
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var cliRuns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        using var engine = await DockerEngine.ConnectAsync();
        var purpose = "bench-" + Guid.NewGuid().ToString("N")[..8];
        await ClawkerVolumes.EnsureAsync(engine, purpose);
        var options = new GlobalsLoginOptions { VolumeName = ClawkerVolumes.Name(purpose) };
        try
        {
            var login = $"{{\"claudeAiOauth\":{{\"accessToken\":\"sk-ant-oat01-bench\",\"refreshToken\":\"r\",\"expiresAt\":{DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds()}}}}}";
            var seeded = await GlobalsLoginCheck.CheckAsync(engine, new GlobalsLoginOptions { VolumeName = options.VolumeName, Seed = true, HostLogin = new SecretBlob(login) });
            for (var i = 0; i < 3; i++)
            {
                await GlobalsLoginCheck.CheckAsync(engine, options);
            }

            var check = Time(runs, () => GlobalsLoginCheck.CheckAsync(engine, options).GetAwaiter().GetResult());
            var withConnect = Time(runs, () => GlobalsLoginCheck.RunAsync(new GlobalsLoginOptions { VolumeName = options.VolumeName }).GetAwaiter().GetResult());
            Console.WriteLine(Invariant($"volume check (connected engine): median {Median(check):0.0} ms, max {check.Max():0.0} ms over {runs} runs ({seeded.Outcome} first, then LoginFound; target < 150 ms)"));
            Console.WriteLine(Invariant($"volume check with its own connect: median {Median(withConnect):0.0} ms over {runs} runs"));
            var floor = Time(runs, () => FloorAsync(engine, options.VolumeName).GetAwaiter().GetResult());
            Console.WriteLine(Invariant($"engine floor (create + archive + remove, bare client calls): median {Median(floor):0.0} ms; Clawker's own share {Median(check) - Median(floor):0.0} ms"));
            if (Cli(cliRuns, options.VolumeName) is { } cli)
            {
                Console.WriteLine(Invariant($"docker create + docker cp + docker rm (CLI processes): median {Median(cli):0.0} ms over {cliRuns} runs"));
                Console.WriteLine(Invariant($"ratio: the check is {Median(cli) / Median(check):0.0}x faster than the CLI sequence"));
            }

            return 0;
        }
        finally
        {
            await engine.Client.Volumes.RemoveAsync(options.VolumeName, force: true);
        }
    }

    // The same three engine calls without Clawker's checks: what the engine itself costs.
    private static async Task FloorAsync(DockerEngine engine, string volume)
    {
        var created = await engine.Client.Containers.CreateContainerAsync(new global::Docker.DotNet.Models.CreateContainerParameters
        {
            Image = "clawker-volume-helper:1",
            Cmd = ["/none"],
            HostConfig = new global::Docker.DotNet.Models.HostConfig { Mounts = [new global::Docker.DotNet.Models.Mount { Type = "volume", Source = volume, Target = "/clawker-volume", ReadOnly = true }] },
        });
        var answer = await engine.Client.Containers.GetArchiveFromContainerAsync(created.ID, new global::Docker.DotNet.Models.ContainerPathStatParameters { Path = "/clawker-volume/.credentials.json" }, false);
        await using (var stream = answer.Stream!)
        {
            await stream.CopyToAsync(Stream.Null);
        }
        await engine.Client.Containers.RemoveContainerAsync(created.ID, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
    }

    private static List<double> Time(int runs, Action run)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static List<double>? Cli(int runs, string volume)
    {
        try
        {
            return Time(runs, () =>
            {
                var id = Docker("create", "-v", $"{volume}:/clawker-volume:ro", "clawker-volume-helper:1", "/none").Trim();
                Docker("cp", $"{id}:/clawker-volume/.credentials.json", "-");
                Docker("rm", "-f", id);
            });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("docker CLI not found: no side-by-side figure");
            return null;
        }
    }

    private static string Docker(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"docker {args[0]} failed: {process.StandardError.ReadToEnd()}");
    }

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
