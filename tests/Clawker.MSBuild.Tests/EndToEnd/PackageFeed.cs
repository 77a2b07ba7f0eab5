using Clawker.MSBuild.Tests.Infrastructure;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// Once per test run: packs src/Clawker.MSBuild with a version no earlier run used, into a
/// feed in a temporary folder, with a NuGet.config (that feed plus nuget.org) and a package
/// folder of its own, so a consumer can only ever restore the package just built.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("clawker-msbuild-e2e-");

    /// <summary>The folder holding the feed, NuGet.config, the package folder and the consumers.</summary>
    public string Root => _root.FullName;

    public string Version { get; } = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string FeedDirectory => Path.Combine(Root, "feed");

    public string PackagesDirectory => Path.Combine(Root, "nuget-packages");

    public async ValueTask InitializeAsync()
    {
        var project = Path.Combine(RepoRoot.Path, "src", "Clawker.MSBuild", "Clawker.MSBuild.csproj");
        // The pack restores from the machine's usual package folder; only consumers are isolated.
        (await DotNetCli.RunAsync(Root, new Dictionary<string, string?>(),
            "pack", project, "-c", "Release", "-o", FeedDirectory,
            "--artifacts-path", Path.Combine(Root, "artifacts"),
            $"-p:Version={Version}", "-p:IncludeSymbols=false", "-nologo", "-tl:off")).ShouldSucceed();

        await File.WriteAllTextAsync(Path.Combine(Root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="clawker-e2e" value="{FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The environment every consumer process gets: the isolated package folder.</summary>
    public Dictionary<string, string?> ProcessEnvironment() => new() { ["NUGET_PACKAGES"] = PackagesDirectory };

    private readonly Dictionary<string, Task<Consumer>> _shared = [];

    /// <summary>A consumer shared by the tests that ask for <paramref name="name"/> (created on first use).</summary>
    public Task<Consumer> SharedConsumerAsync(string name)
    {
        lock (_shared)
        {
            if (!_shared.TryGetValue(name, out var consumer))
            {
                _shared[name] = consumer = CreateConsumerAsync(name);
            }

            return consumer;
        }
    }

    /// <summary>A new console project (<c>dotnet new console</c>) that references the package.</summary>
    public async Task<Consumer> CreateConsumerAsync(string name, bool withPackage = true)
    {
        var directory = Path.Combine(Root, name);
        (await DotNetCli.RunAsync(Root, ProcessEnvironment(), "new", "console", "-o", directory, "-n", name, "--no-restore")).ShouldSucceed();
        if (withPackage)
        {
            var project = Path.Combine(directory, name + ".csproj");
            var text = await File.ReadAllTextAsync(project);
            text = text.Replace("</Project>", $"""
                  <ItemGroup>
                    <PackageReference Include="Clawker.MSBuild" Version="{Version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """, StringComparison.Ordinal);
            await File.WriteAllTextAsync(project, text);
        }

        return new Consumer(this, directory, name);
    }

    public ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("CLAWKER_KEEP_E2E") is not "1")
        {
            _root.Delete(recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A consumer project of the test feed.</summary>
public sealed class Consumer(PackageFeed feed, string directory, string name)
{
    public string Directory => directory;

    public string Name => name;

    /// <summary>The image folder the package uses by default (Debug, net10.0).</summary>
    public string ImageDirectory => Path.Combine(directory, "obj", "Debug", "net10.0", "clawker");

    internal Task<CliResult> DotNetAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var env = feed.ProcessEnvironment();
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return DotNetCli.RunAsync(directory, env, args);
    }

    /// <summary><c>dotnet build</c> with the console logger (no terminal logger) and the given extra arguments.</summary>
    internal Task<CliResult> BuildAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        DotNetAsync(environment, ["build", "-nologo", "-tl:off", "-nodeReuse:false", .. args]);
}
