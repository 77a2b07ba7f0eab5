namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>
/// The repository's own build (build.sh, build/*.cake, build/agent/*.cake, the tool manifest and
/// global.json), copied into a temporary folder whose Pack step is already done: its
/// artifacts/agent-build/addin.cake names the test feed's Clawker.Cake, as the AgentAddin task
/// writes it for artifacts/packages. <c>./build.sh --target=X --exclusive</c> then runs the
/// repository's X as <c>./build.sh --target=X</c> does once it has packed: the main Cake script,
/// which starts build/agent/agent.cake in a second Cake process loading the addin with #addin.
/// The agent script is compiled by the first run and reused by later ones (Cake's script cache,
/// as in the repository), so one shared copy keeps several runs affordable.
/// </summary>
internal sealed class RepositoryBuild : IDisposable
{
    // A Cake run is seconds; the first also installs the addin and compiles the agent script.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    private readonly TempDirectory _directory = new("clawker-repo-build-");

    private RepositoryBuild()
    {
    }

    /// <summary>The copy's root: where ./build.sh is and artifacts/ is written.</summary>
    public string Root => _directory.Path;

    /// <summary>Copies the build and points its agent tasks at <paramref name="feed"/>'s package.</summary>
    public static async Task<RepositoryBuild> CreateAsync(AddinFeed feed)
    {
        await feed.EnsurePackedAsync();
        var build = new RepositoryBuild();
        var source = RepoRoot.Path;
        foreach (var file in new[] { "build.sh", "global.json", Path.Combine(".config", "dotnet-tools.json") })
        {
            build.Copy(Path.Combine(source, file), file);
        }

        foreach (var folder in new[] { "build", Path.Combine("build", "agent") })
        {
            foreach (var script in Directory.EnumerateFiles(Path.Combine(source, folder), "*.cake"))
            {
                build.Copy(script, Path.Combine(folder, Path.GetFileName(script)));
            }
        }

        var addin = build._directory.Combine("artifacts", "agent-build", "addin.cake");
        Directory.CreateDirectory(Path.GetDirectoryName(addin)!);
        await File.WriteAllTextAsync(addin, $"#addin nuget:{new Uri(feed.FeedDirectory + "/").AbsoluteUri}?package=Clawker.Cake&version={feed.Version}\n");
        return build;
    }

    /// <summary>Runs <c>./build.sh --target=<paramref name="target"/> --exclusive</c> (no Pack: it is done) and <paramref name="arguments"/>.</summary>
    /// <param name="environment">Variables to set (or, when null, remove) for the run only.</param>
    public Task<ProcessResult> RunAsync(string target, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        ProcessRunner.RunAsync("/bin/bash", ["./build.sh", $"--target={target}", "--exclusive", .. arguments], Root, environment, RunTimeout);

    public void Dispose() => _directory.Dispose();

    private void Copy(string from, string relative)
    {
        var to = _directory.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }
    }
}
