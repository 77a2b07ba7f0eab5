using System.Text.RegularExpressions;

namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>The complete build.cake of docs/cake.md compiles and its Prepare target runs, so the page cannot rot.</summary>
public sealed partial class DocsExampleEndToEndTests(AddinFeed feed) : IDisposable
{
    private readonly CraftedLogin _login = new();

    public void Dispose() => _login.Dispose();

    [Fact]
    public async Task The_example_build_cake_of_the_docs_prepares_an_agent_image()
    {
        TestEngine.RequireWithCli();
        var page = await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "docs", "cake.md"), TestContext.Current.CancellationToken);
        var example = ExampleBlock().Match(page[page.IndexOf("## A complete build.cake", StringComparison.Ordinal)..]).Groups[1].Value;
        // The page's text as it stands; only the package version becomes the one packed for this run.
        var addin = AddinLine().Match(example);
        addin.Success.ShouldBeTrue("the example loads Clawker.Cake with #addin nuget:?package=Clawker.Cake&version=...");
        var text = example.Remove(addin.Groups["version"].Index, addin.Groups["version"].Length).Insert(addin.Groups["version"].Index, feed.Version);
        _login.Write(ClaudeLogin.Json(ClaudeLogin.NewAccessToken(), DateTimeOffset.UtcNow.AddHours(2)));
        using var script = await CakeScript.CreateScriptAsync(feed, text);
        Directory.CreateDirectory(Path.Combine(script.Directory, "agent"));
        await File.WriteAllTextAsync(Path.Combine(script.Directory, "agent", "settings.json"), "{}\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(script.Directory, "agent", "CLAUDE.md"), "# Agent notes\n", TestContext.Current.CancellationToken);

        var run = await script.RunAsync(
            new Dictionary<string, string?>(_login.Environment()) { ["GITHUB_REF"] = "refs/heads/main" },
            "--target=Prepare");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldMatch(@"Agent image clawker-myapp:sha-[0-9a-f]{12}");
        run.Output.ShouldContain($"Login from file {_login.CredentialsFile}, max, expires ", customMessage: run.ToString());
        run.Output.ShouldContain("clawker-globals: ", customMessage: run.ToString());
        File.Exists(Path.Combine(script.Directory, "artifacts", "agent-image", "context", "home", "claude", "CLAUDE.md")).ShouldBeTrue();
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    [GeneratedRegex(@"^#addin nuget:\?package=Clawker\.Cake&version=(?<version>[^&\s]+)", RegexOptions.Multiline)]
    private static partial Regex AddinLine();
}
