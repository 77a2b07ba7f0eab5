using Clawker.Docker;
using Clawker.Docker.Ssh;

namespace Clawker.Tests.Ssh;

/// <summary>ssh:// addresses: the docker CLI's command line for good ones, CLAWKER2013 for hostile ones.</summary>
public class SshTargetTests
{
    [Fact]
    public void User_and_port_become_l_and_p_before_the_double_dash_and_the_host()
    {
        var target = SshTarget.Parse("ssh://root@127.0.0.1:2222", "test");

        target.Arguments(TimeSpan.FromSeconds(5)).ShouldBe(["-l", "root", "-p", "2222", "-o", "ConnectTimeout=5", "-T", "--", "127.0.0.1", "docker system dial-stdio"]);
    }

    [Fact]
    public void A_bare_host_has_neither_l_nor_p_and_the_timeout_rounds_up_to_whole_seconds()
    {
        SshTarget.Parse("ssh://build-host.example", "test").Arguments(TimeSpan.FromMilliseconds(1500))
            .ShouldBe(["-o", "ConnectTimeout=2", "-T", "--", "build-host.example", "docker system dial-stdio"]);
    }

    [Fact]
    public void A_path_becomes_the_remote_host_option_quoted_for_the_remote_shell()
    {
        SshTarget.Parse("ssh://u@h/run/user/1000/docker.sock", "test").RemoteCommand
            .ShouldBe("docker --host=unix:///run/user/1000/docker.sock system dial-stdio");
        SshTarget.Parse("ssh://u@h/tmp/it's;rm$x.sock", "test").RemoteCommand
            .ShouldBe("docker '--host=unix:///tmp/it'\\''s;rm$x.sock' system dial-stdio");
        SshTarget.Parse("ssh://u@h/", "test").SocketPath.ShouldBeNull();
    }

    [Fact]
    public void An_ipv6_host_in_brackets_is_passed_without_them()
    {
        var target = SshTarget.Parse("ssh://root@[::1]:22", "test");
        target.Host.ShouldBe("::1");
        target.Port.ShouldBe(22);
    }

    [Theory]
    [InlineData("ssh://-oProxyCommand=touch", "starts with '-'")]
    [InlineData("ssh://-oProxyCommand=touch /tmp/pwned", "white space")]
    [InlineData("ssh://host -p 1", "white space")]
    [InlineData("ssh://host\n", "white space")]
    [InlineData("ssh://ho\tst", "white space")]
    [InlineData("ssh://-l@host", "user name")]
    [InlineData("ssh://@host", "user name")]
    [InlineData("ssh://us;er@host", "user name")]
    [InlineData("ssh://", "host name is empty")]
    [InlineData("ssh://:22", "host name is empty")]
    [InlineData("ssh://ho$st", "host name")]
    [InlineData("ssh://host:0", "port")]
    [InlineData("ssh://host:65536", "port")]
    [InlineData("ssh://host:-1", "port")]
    [InlineData("ssh://host:+22", "port")]
    [InlineData("ssh://host:22x", "port")]
    [InlineData("ssh://host:", "port")]
    [InlineData("ssh://host:1:2", "port")]
    [InlineData("ssh://host:99999999999", "port")]
    [InlineData("ssh://host?x=1", "query")]
    [InlineData("ssh://host#frag", "fragments")]
    [InlineData("ssh://ho%2Dst", "percent")]
    [InlineData("ssh://[::1", "closing")]
    [InlineData("ssh://[::1]x", "only :port")]
    [InlineData("ssh://[fe80::1%eth0]", "percent")]
    [InlineData("ssh://h/../../etc/passwd", "'..'")]
    public void Hostile_addresses_are_CLAWKER2013_naming_what_is_wrong(string address, string says)
    {
        var error = Should.Throw<DockerEngineException>(() => SshTarget.Parse(address, "from DOCKER_HOST")).OfKind(DockerEngineErrorKind.SshAddressInvalid);

        error.Code.ShouldBe("CLAWKER2013");
        error.Message.ShouldContainAll(says, "from DOCKER_HOST");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void A_password_is_refused_and_never_quoted()
    {
        var error = Should.Throw<DockerEngineException>(() => SshTarget.Parse("ssh://deploy:hunter2-secret@host", "test"));

        error.Message.ShouldContain("password");
        error.Message.ShouldNotContain("hunter2-secret");
        error.ToString().ShouldNotContain("hunter2-secret");
    }

    [Fact]
    public void The_resolver_gives_ssh_endpoints_whose_reason_names_the_ssh_command()
    {
        var endpoint = DockerEngine.ResolveEndpoint(DockerEndpointOptions.Create("ssh://root@127.0.0.1:2222/var/run/docker.sock", "ClawkerDockerHost",
            ClawkerEnvironment.FromValues(new Dictionary<string, string>(), "/nonexistent")));

        endpoint.Source.ShouldBe(DockerEndpointSource.HostOption);
        endpoint.ToString().ShouldContain("from ClawkerDockerHost; through the system ssh client: ssh -l root -p 2222 -- 127.0.0.1 docker --host=unix:///var/run/docker.sock system dial-stdio");
    }

    [Fact]
    public void The_resolver_refuses_a_hostile_DOCKER_HOST_with_CLAWKER2013()
    {
        var env = ClawkerEnvironment.FromValues(new Dictionary<string, string> { ["DOCKER_HOST"] = "ssh://-oProxyCommand=id" }, "/nonexistent");

        Should.Throw<DockerEngineException>(() => DockerEngine.ResolveEndpoint(DockerEndpointOptions.Create(null, "ClawkerDockerHost", env)))
            .OfKind(DockerEngineErrorKind.SshAddressInvalid).Message.ShouldContain("from DOCKER_HOST");
    }
}
