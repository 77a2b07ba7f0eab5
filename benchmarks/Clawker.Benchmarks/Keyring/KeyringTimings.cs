using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Clawker.Keyring;
using Clawker.Keyring.Backends;

namespace Clawker.Benchmarks.Keyring;

/// <summary>
/// The tight figures the tests only bound generously (they prove "does not hang" with seconds
/// of slack): how far past its timeout a keyring call ends, and how fast an absent bus fails.
/// Run by benchmarks/keyring-timeouts.sh; no Secret Service needed.
/// </summary>
internal static class KeyringTimings
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);

    public static async Task<int> RunAsync(string mode, string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        switch (mode)
        {
            case "stuck":
                var stuck = new TimedKeyring(new StuckInNativeCode(), Timeout);
                return Report("backend stuck in native code", await OvershootsAsync(runs, () => stuck.GetAsync("svc", "usr")), 100);
            case "silent-bus":
                return await SilentBusAsync(runs);
            case "no-bus":
                var none = Keyrings.Create(new KeyringOptions
                {
                    Backend = "secret-service",
                    Environment = ClawkerEnvironment.FromValues(new Dictionary<string, string>(), "/nonexistent-home", "nobody"),
                });
                var times = await TimesAsync(runs, () => none.GetAsync("svc", "usr"));
                Console.WriteLine(Invariant($"no session bus: Unavailable in median {Median(times):0.0} ms, max {times.Max():0.0} ms over {runs} calls (target < 50 ms; first call of the process {times[0]:0.0} ms)"));
                return 0;
            default:
                Console.Error.WriteLine($"unknown mode {mode}: stuck | silent-bus | no-bus [runs]");
                return 2;
        }
    }

    // A bus socket that is listened on but never accepted: connecting works, nothing ever answers.
    private static async Task<int> SilentBusAsync(int runs)
    {
        var dir = Directory.CreateTempSubdirectory("clk-bench-bus-").FullName;
        try
        {
            using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            silent.Bind(new UnixDomainSocketEndPoint(Path.Combine(dir, "bus")));
            silent.Listen(64);
            var keyring = Keyrings.Create(new KeyringOptions
            {
                Backend = "secret-service",
                Timeout = Timeout,
                Environment = ClawkerEnvironment.FromValues(
                    new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = $"unix:path={dir}/bus" }, "/nonexistent-home", "nobody"),
            });
            return Report("silent D-Bus", await OvershootsAsync(runs, () => keyring.GetAsync("svc", "usr")), 100);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<List<double>> OvershootsAsync(int runs, Func<Task> call) =>
        [.. (await TimesAsync(runs, call)).Select(ms => ms - Timeout.TotalMilliseconds)];

    private static async Task<List<double>> TimesAsync(int runs, Func<Task> call)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await call();
            }
            catch (CredentialException)
            {
                // Timeout or Unavailable: what is timed.
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static int Report(string what, List<double> overshoots, double targetMs)
    {
        Console.WriteLine(Invariant($"{what}: ends {Median(overshoots):0.0} ms (median) / {overshoots.Max():0.0} ms (max) past its {Timeout.TotalMilliseconds:0} ms timeout over {overshoots.Count} calls (target < {targetMs:0} ms)"));
        return overshoots.Min() < -20 ? 1 : 0; // ending before the timeout would be a bug
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [DllImport("libc", EntryPoint = "sleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // as in tests/Clawker.Tests/Keyring/TimeoutTests.cs
    private static extern uint NativeSleep(uint seconds);
#pragma warning restore SYSLIB1054

    /// <summary>A backend stuck inside native code, which no managed cancellation can interrupt.</summary>
    private sealed class StuckInNativeCode : IKeyringBackend
    {
        public KeyringBackendKind Kind => KeyringBackendKind.InMemory;

        public string Describe(string service, string user) => $"stuck backend (service '{service}', user '{user}')";

        public string? Get(string service, string user, CancellationToken cancellationToken)
        {
            _ = NativeSleep(30);
            return null;
        }

        public void Set(string service, string user, string secret, CancellationToken cancellationToken) => _ = NativeSleep(30);

        public bool Delete(string service, string user, CancellationToken cancellationToken) => NativeSleep(30) == 0;
    }
}
