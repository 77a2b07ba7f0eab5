namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>The package as Cake users get it: packed, served from a feed, loaded with #addin by the real runner.</summary>
public sealed class AddinLoadingTests(AddinFeed feed)
{
    [Fact]
    public async Task Addin_loads_with_its_bundled_dependencies_without_loaddependencies()
    {
        using var script = await CakeScript.CreateAsync(feed, """
            Information("settings default: {0}", new ClawkerCredentialSettings().NotFound);
            Information("docker client: {0}", typeof(Docker.DotNet.DockerClient).Assembly.GetName().Name);
            Information("library: {0}", typeof(Clawker.Diagnostics.ErrorCodes).Assembly.GetName().Name);
            """);

        var run = await script.RunAsync();

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain("settings default: Warning", customMessage: run.ToString());
        run.Output.ShouldContain("docker client: Docker.DotNet", customMessage: run.ToString());
        run.Output.ShouldContain("library: Clawker", customMessage: run.ToString());
    }
}
