using Cake.Core;
using Cake.Core.Diagnostics;
using Clawker.Cake.Tests.Infrastructure;
using Clawker.Cake.Volumes;
using Clawker.Diagnostics;

namespace Clawker.Cake.Tests.Volumes;

/// <summary>The volume alias against the private dockerd with --tlsverify (build/services/dockerd-tls.sh).</summary>
public sealed class TlsVolumeAliasTests
{
    // GitLab's variables, with DOCKER_TLS_VERIFY or DOCKER_TLS as the switch.
    private static FakeCakeContext Context(TempDirectory temp, string host, string certs, string tlsSwitch) =>
        new(new FakeCakeEnvironment(temp.Path, new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = host,
            [tlsSwitch] = "1",
            ["DOCKER_CERT_PATH"] = certs,
        }));

    [Fact]
    public void GitLabs_variables_ensure_the_volume_and_the_result_says_TLS_verified()
    {
        var (host, certs) = TlsEngine.Require();
        using var temp = new TempDirectory();
        var context = Context(temp, host, certs, "DOCKER_TLS_VERIFY");

        var result = context.ClawkerEnsureGlobalsVolume(new ClawkerVolumeSettings());

        result.Outcome.ShouldNotBe(ClawkerVolumeOutcome.EngineUnreachable);
        result.Endpoint.ShouldContain($"{host} (from DOCKER_HOST; TLS verified with {Path.Combine(certs, "ca.pem")}");
        context.FakeLog.At(LogLevel.Warning).ShouldBeEmpty();
    }

    [Fact]
    public void The_settings_alone_speak_verified_TLS_and_errors_name_them()
    {
        var (host, certs) = TlsEngine.Require();
        using var cake = new CakeSandbox();

        var result = cake.Context.ClawkerEnsureGlobalsVolume(new ClawkerVolumeSettings { DockerHost = host, DockerTlsVerify = true, DockerCertPath = certs });
        result.Endpoint.ShouldContain("ClawkerVolumeSettings.DockerTlsVerify, files from ClawkerVolumeSettings.DockerCertPath");

        var failure = Should.Throw<CakeException>(() => cake.Context.ClawkerEnsureGlobalsVolume(
            new ClawkerVolumeSettings { DockerHost = host, DockerTlsVerify = true, DockerCertPath = cake.Path }));
        failure.Message.ShouldStartWith("CLAWKER2006: ");
        failure.Message.ShouldContain(Path.Combine(cake.Path, "ca.pem"));
    }

    [Fact]
    public void DOCKER_TLS_ensures_and_warns_CLAWKER2012()
    {
        var (host, certs) = TlsEngine.Require();
        using var temp = new TempDirectory();
        var context = Context(temp, host, certs, "DOCKER_TLS");

        context.ClawkerEnsureGlobalsVolume(new ClawkerVolumeSettings()).Outcome.ShouldNotBe(ClawkerVolumeOutcome.EngineUnreachable);
        context.FakeLog.At(LogLevel.Warning).ShouldHaveSingleItem().ShouldStartWith(ErrorCodes.TlsNotVerified + ": ");
    }
}
