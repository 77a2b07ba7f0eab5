using System.Text.RegularExpressions;
using Clawker.Cake.Tests.Infrastructure;
using Clawker.Tests.Infrastructure;

namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>The complete build.cake of docs/cake.md compiles and its Prepare target runs, so the page cannot rot.</summary>
public sealed partial class DocsExampleEndToEndTests(AddinFeed feed) : IDisposable
{
    private readonly TempDirectory _claude = new("clawker-cake-claude-");

    public void Dispose() => _claude.Dispose();

    [Fact]
    public async Task The_example_build_cake_of_the_docs_prepares_an_agent_image()
    {
        DockerService.Require();
        var page = await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "docs", "cake.md"), TestContext.Current.CancellationToken);
        var example = ExampleBlock().Match(page[page.IndexOf("## A complete build.cake", StringComparison.Ordinal)..]).Groups[1].Value;
        // The page's text as it stands; only the package version becomes the one packed for this run.
        var addin = AddinLine().Match(example);
        addin.Success.ShouldBeTrue("the example loads Clawker.Cake with #addin nuget:?package=Clawker.Cake&version=...");
        var text = example.Remove(addin.Groups["version"].Index, addin.Groups["version"].Length).Insert(addin.Groups["version"].Index, feed.Version);
        CraftedCredentials.Write(_claude.Path, CraftedCredentials.Json(CraftedCredentials.NewAccessToken(), DateTimeOffset.UtcNow.AddHours(2)));
        using var script = await CakeScript.CreateScriptAsync(feed, text);
        Directory.CreateDirectory(Path.Combine(script.Directory, "agent"));
        await File.WriteAllTextAsync(Path.Combine(script.Directory, "agent", "settings.json"), "{}\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(script.Directory, "agent", "CLAUDE.md"), "# Agent notes\n", TestContext.Current.CancellationToken);

        var run = await script.RunAsync(
            new Dictionary<string, string?>
            {
                ["CLAUDE_CONFIG_DIR"] = _claude.Path,
                ["CLAWKER_KEYRING"] = "none",
                ["GITHUB_REF"] = "refs/heads/main",
                ["ANTHROPIC_API_KEY"] = null,
                ["ANTHROPIC_AUTH_TOKEN"] = null,
                ["CLAUDE_CODE_OAUTH_TOKEN"] = null,
            },
            "--target=Prepare");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldMatch(@"Agent image clawker-myapp:sha-[0-9a-f]{12}");
        run.Output.ShouldContain($"Login from file {Path.Combine(_claude.Path, ".credentials.json")}, max, expires ", customMessage: run.ToString());
        run.Output.ShouldContain("clawker-globals: ", customMessage: run.ToString());
        File.Exists(Path.Combine(script.Directory, "artifacts", "agent-image", "context", "home", "claude", "CLAUDE.md")).ShouldBeTrue();
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    [GeneratedRegex(@"^#addin nuget:\?package=Clawker\.Cake&version=(?<version>[^&\s]+)", RegexOptions.Multiline)]
    private static partial Regex AddinLine();
}
