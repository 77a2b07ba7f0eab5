namespace Clawker.Tests.Infrastructure;

/// <summary>
/// A local NuGet feed in a temporary folder, holding one package packed from this repository under
/// a version no other run has used: NuGet and Cake cache packages by id and version, so a unique
/// version guarantees a consumer restores the package just built and never a stale copy. Packed
/// once per test run, on first use (a run of unit tests only pays nothing), and shared by the
/// tests through a fixture. <c>CLAWKER_KEEP_E2E=1</c> keeps the folder for a post-mortem.
/// </summary>
public abstract class PackedFeed : IAsyncLifetime
{
    private readonly Lazy<Task> _packed;
    private readonly string _packageId;

    /// <param name="packageId">The project under src/ to pack (its name is the package id).</param>
    /// <param name="folderPrefix">The temporary folder's name prefix.</param>
    /// <param name="versionPrefix">The version's fixed part; a time stamp and a random part follow.</param>
    protected PackedFeed(string packageId, string folderPrefix, string versionPrefix)
    {
        _packageId = packageId;
        Root = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        Version = $"{versionPrefix}.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid():N}"[..40].TrimEnd('.');
        _packed = new Lazy<Task>(PackAsync);
    }

    /// <summary>The temporary folder holding the feed (and whatever else the fixture keeps beside it).</summary>
    public string Root { get; }

    /// <summary>The feed folder.</summary>
    public string FeedDirectory => Path.Combine(Root, "feed");

    /// <summary>The package version packed into the feed.</summary>
    public string Version { get; }

    /// <summary>The package file, once packed.</summary>
    public string PackagePath => Path.Combine(FeedDirectory, $"{_packageId}.{Version}.nupkg");

    /// <summary>Packs on first call; later calls share that one pack.</summary>
    public Task EnsurePackedAsync() => _packed.Value;

    /// <summary>The pack's options beyond the project, feed folder and version (configuration, --no-build, …).</summary>
    protected abstract IEnumerable<string> PackOptions { get; }

    /// <summary>A NuGet.config whose only sources are this feed and, when asked, nuget.org.</summary>
    public string NuGetConfig(bool withNuGetOrg = false) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="clawker-test-feed" value="{FeedDirectory}" />{(withNuGetOrg ? "\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />" : "")}
          </packageSources>
        </configuration>
        """;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("CLAWKER_KEEP_E2E") is not "1")
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// When not null, the options of a restore run on its own before the pack (which then does not
    /// restore): at normal verbosity, so a failed restore shows NuGet's own reason, not only MSBuild's.
    /// </summary>
    protected virtual IEnumerable<string>? RestoreOptions => null;

    private async Task PackAsync()
    {
        var project = Path.Combine(RepoRoot.Path, "src", _packageId, _packageId + ".csproj");
        string[] noRestore = [];
        if (RestoreOptions is { } restoreOptions)
        {
            (await DotNetCli.RunAsync(RepoRoot.Path, null, TimeSpan.FromMinutes(10), ["restore", project, "-nologo", "-tl:off", "-v:n", .. restoreOptions])).ShouldSucceed();
            noRestore = ["--no-restore"];
        }

        // A pack builds, and Clawker.MSBuild's also precompiles (ReadyToRun): minutes on a busy machine.
        var result = await DotNetCli.RunAsync(RepoRoot.Path, null, TimeSpan.FromMinutes(15),
            ["pack", project, "-o", FeedDirectory, $"-p:PackageVersion={Version}", "-p:IncludeSymbols=false", "-nologo", "-tl:off", .. noRestore, .. PackOptions]);
        result.ShouldSucceed();
        File.Exists(PackagePath).ShouldBeTrue($"{result.CommandLine} wrote no {PackagePath}:\n{result.All}");
    }
}
