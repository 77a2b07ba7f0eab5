using System.Reflection;

namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>Facts about the build that produced these tests, stamped in by the project file.</summary>
internal static class TestBuild
{
    /// <summary>The real Cake runner (Cake.dll of the pinned Cake.Tool 7.0.0 package).</summary>
    public static string CakeRunnerPath => Metadata("CakeRunnerPath");

    /// <summary>Debug or Release: the configuration whose Clawker.Cake output the tests pack.</summary>
    public static string Configuration => Metadata("BuildConfiguration");

    private static string Metadata(string key) =>
        typeof(TestBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; see Clawker.Cake.Tests.csproj.");
}
