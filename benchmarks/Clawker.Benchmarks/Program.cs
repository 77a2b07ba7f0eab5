using BenchmarkDotNet.Running;

namespace Clawker.Benchmarks;

/// <summary>Entry point: pass BenchmarkDotNet's usual arguments, for example <c>--filter '*Keyring*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
