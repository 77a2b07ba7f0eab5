namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// The two headline data losses through a real <c>dotnet build</c> of the packed package:
/// a context folder reached through a link to the repository root, and the project folder as
/// the output folder. Both are refused with CLAWKER3002 and the project is left as it was.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class OwnershipTests(PackageFeed feed)
{
    // What a build itself writes; everything else in the project must stay as it was.
    private static bool BuildOutput(string relative) => relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal);

    [Fact]
    public async Task A_context_folder_that_is_a_link_to_the_repository_root_is_refused_and_the_repository_kept()
    {
        var app = await feed.CreateConsumerAsync("LinkedRepoApp");
        Directory.CreateDirectory(Path.Combine(app.Directory, ".git"));
        await File.WriteAllTextAsync(Path.Combine(app.Directory, "Dockerfile"), "FROM x\n", TestContext.Current.CancellationToken);
        var links = Directory.CreateDirectory(Path.Combine(feed.Root, "links-" + app.Name)).FullName;
        var link = Path.Combine(links, "to-repo");
        Directory.CreateSymbolicLink(link, app.Directory);
        var before = TreeSnapshot.Of(app.Directory, BuildOutput);

        var build = (await app.BuildAsync(null, $"-p:ClawkerImageContextDir={link}")).ShouldFail();

        build.All.ShouldContain("error CLAWKER3002");
        build.All.ShouldContain($"the context folder '{app.Directory}'"); // the real path: the link resolved
        build.All.ShouldNotContain("MSB4018");
        before.ShouldBeUnchanged(TreeSnapshot.Of(app.Directory, BuildOutput));
    }

    [Fact]
    public async Task The_project_folder_as_output_folder_is_refused_and_its_own_manifest_json_kept()
    {
        var app = await feed.CreateConsumerAsync("ManifestApp");
        await File.WriteAllTextAsync(Path.Combine(app.Directory, "manifest.json"), "{ \"app\": \"mine\" }\n", TestContext.Current.CancellationToken);
        var before = TreeSnapshot.Of(app.Directory, BuildOutput);

        var build = (await app.BuildAsync(null, "-p:ClawkerImageOutputDir=.")).ShouldFail();

        build.All.ShouldContain("error CLAWKER3002");
        build.All.ShouldContain("output folder");
        build.All.ShouldNotContain("MSB4018");
        before.ShouldBeUnchanged(TreeSnapshot.Of(app.Directory, BuildOutput));
    }
}
