namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// Once per test run: packs src/Clawker.MSBuild with a version no earlier run used into the feed,
/// with a NuGet.config (that feed plus nuget.org) and a package folder of its own, so a consumer
/// can only ever restore the package just built.
/// </summary>
public sealed class PackageFeed() : PackedFeed("Clawker.MSBuild", "clawker-msbuild-e2e-", "0.0.0-e2e")
{
    public string PackagesDirectory => Path.Combine(Root, "nuget-packages");

    /// <summary>The pack restores from the machine's usual package folder; only consumers are isolated.</summary>
    protected override IEnumerable<string> PackOptions =>
        ["-c", "Release", .. RestoreOptions];

    protected override IEnumerable<string> RestoreOptions => ["--artifacts-path", Path.Combine(Root, "artifacts"), $"-p:Version={Version}"];

    public override async ValueTask InitializeAsync()
    {
        await EnsurePackedAsync();
        await File.WriteAllTextAsync(Path.Combine(Root, "NuGet.config"), NuGetConfig(withNuGetOrg: true));
    }

    /// <summary>
    /// The environment every consumer process gets: the isolated package folder, and no record of
    /// the volume login check (consumers are shared by tests, and a record would carry one test's
    /// verdict into the next; the tests of the record turn it on with -p:ClawkerGlobalsLoginRecord=true).
    /// </summary>
    public Dictionary<string, string?> ProcessEnvironment() => new() { ["NUGET_PACKAGES"] = PackagesDirectory, ["ClawkerGlobalsLoginRecord"] = "false" };

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
}

/// <summary>A consumer project of the test feed.</summary>
public sealed class Consumer(PackageFeed feed, string directory, string name)
{
    public string Directory => directory;

    public string Name => name;

    /// <summary>The image folder the package uses by default (Debug, net10.0).</summary>
    public string ImageDirectory => Path.Combine(directory, "obj", "Debug", "net10.0", "clawker");

    internal Task<ProcessResult> DotNetAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var env = feed.ProcessEnvironment();
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return DotNetCli.RunAsync(directory, env, args);
    }

    /// <summary><c>dotnet build</c> with the console logger (no terminal logger) and the given extra arguments.</summary>
    internal Task<ProcessResult> BuildAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        DotNetAsync(environment, ["build", "-nologo", "-tl:off", "-nodeReuse:false", .. args]);

    /// <summary>
    /// <c>dotnet build</c> with a binary log in <paramref name="folder"/>, and that binlog replayed at
    /// diagnostic verbosity: the two texts a secret must not reach. The build may fail; the replay must work.
    /// </summary>
    internal async Task<(string Console, string Replay)> BuildWithBinlogAsync(IReadOnlyDictionary<string, string?>? environment, string folder, string name, params string[] args)
    {
        var binlog = Path.Combine(folder, name + ".binlog");
        var console = await BuildAsync(environment, [.. args, $"-bl:{binlog}"]);
        File.Exists(binlog).ShouldBeTrue(console.All);
        var replayLog = Path.Combine(folder, name + ".replay.log");
        (await DotNetAsync(null, "msbuild", binlog, "-noconlog", "-fl", $"-flp:logfile={replayLog};verbosity=diagnostic")).ShouldSucceed();
        return (console.All, await File.ReadAllTextAsync(replayLog));
    }
}
