using Clawker.Cake.Tests.Infrastructure;
using Clawker.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(AddinFeed))]

namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>
/// A local NuGet feed holding Clawker.Cake packed from this build's output, under a version no
/// other run has used: Cake caches addins by id and version, so a unique version guarantees a
/// script loads this build's addin and never a stale copy.
/// </summary>
public sealed class AddinFeed : IAsyncLifetime
{
    private readonly Lazy<Task> _packed;

    public AddinFeed()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("clawker-cake-feed-").FullName;
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid():N}"[..40].TrimEnd('.');
        _packed = new Lazy<Task>(PackAsync);
    }

    /// <summary>The feed folder.</summary>
    public string Directory { get; }

    /// <summary>The package version packed into the feed.</summary>
    public string Version { get; }

    /// <summary>Packs on first use only, so unit-test-only runs pay nothing.</summary>
    public Task EnsurePackedAsync() => _packed.Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }

    private async Task PackAsync()
    {
        // --no-build: pack what this test run was built from; only the package version differs.
        var project = Path.Combine(RepoRoot.Path, "src", "Clawker.Cake", "Clawker.Cake.csproj");
        var result = await ProcessRunner.RunAsync(
            "dotnet",
            ["pack", project, "--no-build", "-c", TestBuild.Configuration, "-o", Directory, $"-p:PackageVersion={Version}", "-p:IncludeSymbols=false"],
            RepoRoot.Path);
        if (result.ExitCode != 0 || !File.Exists(Path.Combine(Directory, $"Clawker.Cake.{Version}.nupkg")))
        {
            throw new InvalidOperationException($"Packing Clawker.Cake failed: {result}");
        }
    }
}
