namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet build</c> of a consumer of the packed package against an <c>ssh://</c> engine: the
/// private sshd whose remote docker reaches the private dockerd (build/services/sshd.sh).
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class SshEngineTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _temp = new("clawker-msbuild-ssh-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ensure_over_ssh_from_ClawkerDockerHost_prints_the_ssh_endpoint_and_leaves_no_ssh_process()
    {
        var host = TestSsh.Require();
        var ssh = TestSsh.WrapperWith(_temp);
        var app = await feed.SharedConsumerAsync("SshApp");

        var build = (await app.BuildAsync(Env(ssh), "-t:ClawkerEnsureGlobalsVolume", "-v:n", $"-p:ClawkerDockerHost={host}")).ShouldSucceed();

        build.All.ShouldContain($"Clawker volume clawker-globals: ");
        build.All.ShouldContain($"(from ClawkerDockerHost; through the system ssh client: ssh -l {TestSsh.User} -p {TestSsh.Port} -- 127.0.0.1 docker system dial-stdio)");
        (await ssh.LeftAsync(TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_host_key_from_DOCKER_HOST_is_error_CLAWKER2014_with_ssh_s_reason()
    {
        var host = TestSsh.Require();
        var empty = _temp.Combine("known_hosts");
        File.WriteAllText(empty, string.Empty);
        var ssh = TestSsh.WrapperWith(_temp, config => config.Replace($"UserKnownHostsFile {TestSsh.Dir}/known_hosts", $"UserKnownHostsFile {empty}", StringComparison.Ordinal));
        var app = await feed.SharedConsumerAsync("SshApp");
        var env = Env(ssh);
        env["DOCKER_HOST"] = host;

        var build = (await app.BuildAsync(env, "-t:ClawkerEnsureGlobalsVolume")).ShouldFail();

        build.All.ShouldContain("error CLAWKER2014");
        build.All.ShouldContain("Host key verification failed.");
        build.All.ShouldContain("from DOCKER_HOST");
        build.All.ShouldNotContain("MSB4018", Case.Sensitive);
        (await ssh.LeftAsync(TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }

    private static Dictionary<string, string?> Env(SshWrapper ssh) => new()
    {
        ["PATH"] = TestSsh.PathWith(ssh.Bin),
        ["DOCKER_HOST"] = null,
    };
}
