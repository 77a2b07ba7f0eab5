using Clawker.Cake.Tests.Infrastructure;

namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>A real Cake run of the packed addin against an <c>ssh://</c> engine (build/services/sshd.sh).</summary>
public sealed class SshEngineEndToEndTests(AddinFeed feed)
{
    [Fact]
    public async Task The_alias_ensures_over_ssh_logs_the_ssh_endpoint_and_leaves_no_ssh_process()
    {
        var host = TestSsh.Require();
        TestEngine.RequireWithCli();
        using var ssh = TestSsh.NewWrapper();
        var purpose = $"e2e-{Guid.NewGuid():N}"[..16];
        try
        {
            using var script = await CakeScript.CreateAsync(feed, $$"""
                Task("Volume").Does(() => ClawkerEnsureVolume("{{purpose}}", new ClawkerVolumeSettings { DockerHost = "{{host}}" }));
                RunTarget("Volume");
                """);

            var run = await script.RunAsync(ssh.ChildEnvironment());

            run.ExitCode.ShouldBe(0, run.ToString());
            run.Output.ShouldContain($"clawker-{purpose}: Created on ssh://", customMessage: run.ToString());
            run.Output.ShouldContain($"(from ClawkerVolumeSettings.DockerHost; through the system ssh client: ssh -l {TestSsh.User} -p {TestSsh.Port} -- 127.0.0.1 docker system dial-stdio)", customMessage: run.ToString());
            (await TestEngine.CliAsync("volume", "inspect", $"clawker-{purpose}")).ShouldSucceed();
            (await ssh.LeftAsync(TimeSpan.FromSeconds(5))).ShouldBeEmpty();
        }
        finally
        {
            await TestEngine.CliAsync("volume", "rm", "-f", $"clawker-{purpose}");
        }
    }

    [Fact]
    public async Task A_remote_without_docker_fails_the_build_with_CLAWKER2017_and_ssh_s_reason()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        using var script = await CakeScript.CreateAsync(feed, """
            Task("Volume").Does(() => ClawkerEnsureGlobalsVolume());
            RunTarget("Volume");
            """);
        var env = ssh.ChildEnvironment();
        env["DOCKER_HOST"] = TestSsh.NoDockerHost;

        var run = await script.RunAsync(env);

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain("Error: CLAWKER2017: ", customMessage: run.ToString());
        run.Error.ShouldContain("docker: command not found", customMessage: run.ToString());
        (await ssh.LeftAsync(TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }
}
