namespace Clawker.Tests.Bundling;

/// <summary>
/// The rendered Dockerfile, compared with the files checked in under Bundling/Golden. A
/// change to the template shows up as a diff of those files in review; run the tests with
/// CLAWKER_UPDATE_GOLDEN=1 to rewrite them after an intended change.
/// </summary>
public sealed class DockerfileGoldenTests
{
    [Fact]
    public void Default_mode_matches_the_golden_file() =>
        AssertGolden(new ImageOptions(), "Dockerfile.default");

    [Fact]
    public void Minimal_mode_matches_the_golden_file_and_has_no_RUN_step()
    {
        var rendered = AssertGolden(new ImageOptions { Minimal = true }, "Dockerfile.minimal");

        rendered.Split('\n').ShouldNotContain(line => line.StartsWith("RUN", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_reach_the_Dockerfile()
    {
        var rendered = Render(new ImageOptions
        {
            BaseImage = "debian:bookworm",
            AgentUser = "agent",
            Uid = "2000",
            Gid = "3000",
            ClaudeCodeVersion = "latest",
            ExtraPackages = ["ripgrep", "curl", "ripgrep"],
        });

        rendered.ShouldStartWith("# Rendered by Clawker");
        rendered.ShouldContain("FROM debian:bookworm\n");
        rendered.ShouldContain("apt-get install -y --no-install-recommends ca-certificates git jq curl ripgrep;");
        rendered.ShouldContain("useradd --uid 2000 --gid 3000 --home-dir /home/agent --no-create-home --shell /bin/bash agent;");
        rendered.ShouldContain("npm install --global @anthropic-ai/claude-code@latest;");
        rendered.ShouldContain("COPY --chown=2000:3000 home/ /home/\n");
        rendered.ShouldContain("USER 2000:3000\n");
        rendered.ShouldContain("ENV HOME=/home/agent\n");
    }

    private static string Render(ImageOptions image)
    {
        using var temp = TempBundle.New();
        return System.Text.Encoding.UTF8.GetString(
            BundlePlan.Create(temp.Options(image)).Entries.Single(e => e.Path == AssetNames.Dockerfile).Content!);
    }

    private static string AssertGolden(ImageOptions image, string golden)
    {
        var rendered = Render(image);
        var path = Path.Combine(RepoRoot.Path, "tests/Clawker.Tests/Bundling/Golden", golden);
        if (Environment.GetEnvironmentVariable("CLAWKER_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, rendered);
        }

        File.ReadAllText(path).ShouldBe(rendered, $"the rendered Dockerfile changed; if on purpose, update {path}");
        return rendered;
    }
}
