namespace Clawker.Tests.Images;

/// <summary>The offline base image the container tests build on: real bash, busybox and the agent user.</summary>
public sealed class OfflineBaseImageTests
{
    [Fact]
    public void RootFs_tar_is_deterministic()
    {
        Integration.Require(OfflineRootFs.Available, "bash-static and busybox-static are not installed");

        OfflineRootFs.BuildTar().ShouldBe(OfflineRootFs.BuildTar());
    }

    [Fact]
    public async Task Base_image_runs_bash_and_knows_the_agent_user()
    {
        OfflineRootFs.RequireWithEngine();
        var ct = TestContext.Current.CancellationToken;
        var image = await OfflineBaseImage.EnsureAsync(ct);
        using var client = TestEngine.Client();

        var run = await TestContainer.RunAsync(
            client, image, ["/bin/bash", "-c", "echo \"bash=${BASH_VERSINFO[0]}\"; id claude; stat -c %a /tmp"],
            user: "claude", cancellationToken: ct);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("bash=5");
        run.Stdout.ShouldContain("uid=1001(claude) gid=1001(claude)");
        run.Stdout.ShouldContain("1777");
    }
}
