namespace Clawker.Tests.Repository;

/// <summary>
/// shellcheck on the repository's own scripts (build, CI, service, benchmark and test scripts),
/// found by walking the tree so a new script is covered without editing this test.
/// </summary>
public sealed class RepositoryScriptsTests
{
    private static readonly string[] Skipped = ["bin", "obj", "artifacts", ".git", "tools", "BenchmarkDotNet.Artifacts"];

    public static TheoryData<string> Scripts()
    {
        var root = RepoRoot.Path;
        var scripts = Walk(root)
            .Where(f => f.EndsWith(".sh", StringComparison.Ordinal) && !f.Contains("/Bundling/Assets/", StringComparison.Ordinal))
            .Append(Path.Combine(root, ".ci", "run"))
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal);
        return new TheoryData<string>(scripts);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_passes_shellcheck(string script)
    {

        await Shellcheck.ShouldPassAsync(script, RepoRoot.Path, followSources: true);
    }

    [Fact]
    public void The_known_scripts_are_found()
    {
        var found = Scripts().Select(row => row.Data).ToList();
        found.ShouldContain("build.sh");
        found.ShouldContain(Path.Combine(".ci", "run"));
        found.ShouldContain(Path.Combine("build", "services", "dockerd.sh"));
    }

    private static IEnumerable<string> Walk(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(dir).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            foreach (var file in Walk(sub))
            {
                yield return file;
            }
        }
    }
}
