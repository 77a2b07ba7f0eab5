namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>
/// A throw-away folder with a build.cake that loads Clawker.Cake from the test feed with
/// <c>#addin</c> (through a nuget.config beside it, as a user's repository would), run by the
/// real Cake runner in a child process with an environment of the test's own.
/// </summary>
internal sealed class CakeScript : IDisposable
{
    private readonly TempDirectory _directory = new("clawker-cake-script-");

    /// <summary>The script's folder (its working directory).</summary>
    public string Directory => _directory.Path;

    /// <summary>Writes build.cake: the #addin line, then <paramref name="body"/>.</summary>
    public static Task<CakeScript> CreateAsync(AddinFeed feed, string body) => CreateScriptAsync(feed, $"""
        #addin nuget:?package=Clawker.Cake&version={feed.Version}

        {body}
        """);

    /// <summary>Writes <paramref name="script"/> as build.cake, unchanged: it brings its own #addin line.</summary>
    public static async Task<CakeScript> CreateScriptAsync(AddinFeed feed, string script)
    {
        await feed.EnsurePackedAsync();
        var created = new CakeScript();
        await File.WriteAllTextAsync(created._directory.Combine("nuget.config"), feed.NuGetConfig());
        await File.WriteAllTextAsync(created._directory.Combine("build.cake"), script);
        return created;
    }

    /// <summary>Runs <c>dotnet Cake.dll build.cake</c> with <paramref name="arguments"/>.</summary>
    /// <param name="environment">Variables to set (or, when null, remove) for the runner only.</param>
    /// <param name="arguments">Script arguments such as <c>--target=X</c>.</param>
    public Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?>? environment = null, params string[] arguments)
    {
        var env = new Dictionary<string, string?> { ["NO_COLOR"] = "1" };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        return ProcessRunner.RunAsync("dotnet", [TestBuild.CakeRunnerPath, "build.cake", .. arguments], Directory, env);
    }

    public void Dispose() => _directory.Dispose();
}
