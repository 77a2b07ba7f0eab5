using BenchmarkDotNet.Running;
using Clawker.Benchmarks.Docker;
using Clawker.Benchmarks.Images;
using Clawker.Benchmarks.Keyring;
using Clawker.Benchmarks.Publishing;

namespace Clawker.Benchmarks;

/// <summary>
/// Entry point: pass BenchmarkDotNet's usual arguments, for example <c>--filter '*Keyring*'</c>,
/// or <c>docker-timings MODE</c> / <c>image-timings MODE</c> / <c>keyring-timings MODE</c> for the
/// whole-process timings of benchmarks/docker-volume.sh, image-build.sh and keyring-timeouts.sh.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "docker-timings")
        {
            return await DockerTimings.RunAsync(args[1], args[2..]);
        }

        if (args.Length >= 1 && args[0] == "globals-login-timings")
        {
            return await GlobalsLoginTimings.RunAsync(args[1..]);
        }

        if (args.Length >= 2 && args[0] == "keyring-timings")
        {
            return await KeyringTimings.RunAsync(args[1], args[2..]);
        }

        if (args.Length >= 2 && args[0] == "image-timings")
        {
            return await ImageTimings.RunAsync(args[1], args[2..]);
        }

        if (args.Length >= 2 && args[0] == "push-timings")
        {
            return await PushTimings.RunAsync(args[1], args[2..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
