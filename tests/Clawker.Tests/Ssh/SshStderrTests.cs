using Clawker.Docker;
using Clawker.Docker.Ssh;

namespace Clawker.Tests.Ssh;

/// <summary>ssh's stderr: classified by its own words, shown bounded and without key material.</summary>
public class SshStderrTests
{
    // Made-up key bodies: they only have to look like keys.
    private const string KeyBody = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";

    [Fact]
    public void Pem_blocks_and_long_base64_runs_are_removed_and_ssh_words_kept()
    {
        var text = $"Load key \"/k\": invalid format\n-----BEGIN OPENSSH PRIVATE KEY-----\n{KeyBody}\n{KeyBody}\n-----END OPENSSH PRIVATE KEY-----\n" +
                   $"offending key ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC9qPqVxR7h3TqY0c1QnZ2yYw8m9Kk\nroot@127.0.0.1: Permission denied (publickey).";

        var shown = SshStderr.Scrub(text);

        shown.ShouldNotContain(KeyBody[..20]);
        shown.ShouldNotContain("AAAAC3NzaC1lZDI1NTE5");
        shown.ShouldNotContain("BEGIN OPENSSH");
        shown.ShouldContain("Permission denied (publickey).");
        shown.ShouldContain("Load key \"/k\": invalid format");
        shown.ShouldNotContain("\n");
    }

    [Fact]
    public void A_pem_block_cut_by_the_kept_window_goes_too_and_paths_stay()
    {
        var cut = SshStderr.Scrub($"{KeyBody}\n-----END RSA PRIVATE KEY-----\nbash: docker: command not found");
        cut.ShouldEndWith("bash: docker: command not found");
        cut.ShouldNotContain(KeyBody[..20]);
        SshStderr.Scrub("dial unix /var/run/docker-engine-sockets/very/long/path/to/docker.sock: connect").ShouldContain("/var/run/docker-engine-sockets/very/long/path/to/docker.sock");
    }

    [Fact]
    public void The_kept_text_is_the_end_and_bounded()
    {
        var sink = new SshStderr();
        sink.Append(new string('x', 3 * SshStderr.Kept));
        sink.Append("the reason");
        sink.Raw.Length.ShouldBe(SshStderr.Kept);
        sink.Raw.ShouldEndWith("the reason");
        sink.Shown().Length.ShouldBeLessThanOrEqualTo(EngineText.MaxShown + 10);
    }

    [Theory]
    [InlineData("No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\nHost key verification failed.", 255, DockerEngineErrorKind.SshHostKeyRejected)]
    [InlineData("@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@", 255, DockerEngineErrorKind.SshHostKeyRejected)]
    [InlineData("root@127.0.0.1: Permission denied (publickey).", 255, DockerEngineErrorKind.SshAuthenticationFailed)]
    [InlineData("ssh: connect to host 127.0.0.1 port 1: Connection refused", 255, DockerEngineErrorKind.SshConnectFailed)]
    [InlineData("ssh: Could not resolve hostname nohost: Name or service not known", 255, DockerEngineErrorKind.SshConnectFailed)]
    [InlineData("bash: docker: command not found", 127, DockerEngineErrorKind.SshRemoteDockerMissing)]
    [InlineData("sh: 1: docker: not found", 127, DockerEngineErrorKind.SshRemoteDockerMissing)]
    [InlineData("failed to open the raw stream connection: dial unix /tmp/x.sock: connect: no such file or directory", 1, DockerEngineErrorKind.SshRemoteEngineUnreachable)]
    [InlineData("Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock", 1, DockerEngineErrorKind.SshRemoteEngineUnreachable)]
    [InlineData("docker: 'system dial-stdio' is not a docker command.", 1, DockerEngineErrorKind.SshFailed)]
    [InlineData("", 3, DockerEngineErrorKind.SshFailed)]
    public void Stderr_and_exit_code_name_the_failure(string stderr, int exit, DockerEngineErrorKind kind) =>
        SshErrors.Classify(stderr, exit).ShouldBe(kind);
}
