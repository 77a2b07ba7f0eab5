namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet build</c> of a consumer of the packed package against an <c>ssh://</c> engine: the
/// private sshd whose remote docker reaches the private dockerd (build/services/sshd.sh).
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class SshEngineTests(PackageFeed feed)
{
    [Fact]
    public async Task Ensure_over_ssh_from_ClawkerDockerHost_prints_the_ssh_endpoint_and_leaves_no_ssh_process()
    {
        var host = TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        var app = await feed.SharedConsumerAsync("SshApp");

        var build = (await app.BuildAsync(ssh.ChildEnvironment(), "-t:ClawkerEnsureGlobalsVolume", "-v:n", $"-p:ClawkerDockerHost={host}")).ShouldSucceed();

        build.All.ShouldContain("Clawker volume clawker-globals: ");
        build.All.ShouldContain($"(from ClawkerDockerHost; through the system ssh client: ssh -l {TestSsh.User} -p {TestSsh.Port} -- 127.0.0.1 docker system dial-stdio)");
        (await ssh.LeftAsync(TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_host_key_from_DOCKER_HOST_is_error_CLAWKER2014_with_ssh_s_reason()
    {
        var host = TestSsh.Require();
        using var ssh = TestSsh.NewWrapper((dir, config) =>
        {
            File.WriteAllText(dir.Combine("known_hosts"), string.Empty);
            return TestSsh.WithOption(config, "UserKnownHostsFile", dir.Combine("known_hosts"));
        });
        var app = await feed.SharedConsumerAsync("SshApp");
        var env = ssh.ChildEnvironment();
        env["DOCKER_HOST"] = host;

        var build = (await app.BuildAsync(env, "-t:ClawkerEnsureGlobalsVolume")).ShouldFail();

        build.All.ShouldContain("error CLAWKER2014");
        build.All.ShouldContain("Host key verification failed.");
        build.All.ShouldContain("from DOCKER_HOST");
        build.All.ShouldNotContain("MSB4018", Case.Sensitive);
        (await ssh.LeftAsync(TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }
}
