using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Clawker.Keyring;

namespace Clawker.Benchmarks.Keyring;

/// <summary>
/// One Get from the real Secret Service through the library versus one <c>secret-tool lookup</c>
/// process. Needs DBUS_SESSION_BUS_ADDRESS from build/services/secret-service.sh start. Target:
/// the library at least 5x faster.
/// </summary>
[MemoryDiagnoser]
public class SecretServiceGetBenchmarks
{
    private const string Service = "clawker-benchmark";
    private const string User = "bench";
    private const string Secret = "{\"claudeAiOauth\": {\"accessToken\": \"benchmark-token\"}}";

    private IKeyring _keyring = null!;

    /// <summary>Stores the item the benchmarks read.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ = Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS")
            ?? throw new InvalidOperationException("Start a Secret Service first: eval \"$(build/services/secret-service.sh start)\"");
        _keyring = Keyrings.Create(new KeyringOptions { Backend = "secret-service" });
        _keyring.SetAsync(Service, User, Secret).GetAwaiter().GetResult();
    }

    /// <summary>One read through the library (the connection and session are reused, as in a build).</summary>
    [Benchmark]
    public async Task<string> LibraryGet() => await _keyring.GetAsync(Service, User);

    /// <summary>One <c>secret-tool lookup</c> process.</summary>
    [Benchmark(Baseline = true)]
    public string SecretToolLookup()
    {
        var start = new ProcessStartInfo("secret-tool") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "lookup", "service", Service, "username", User })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    /// <summary>Removes the item.</summary>
    [GlobalCleanup]
    public void Cleanup() => _keyring.DeleteAsync(Service, User).GetAwaiter().GetResult();
}
