using Clawker.Diagnostics;
using Clawker.Docker;

namespace Clawker.Tests.Docker.Tls;

/// <summary>
/// The library against the real dockerd with --tlsverify (build/services/dockerd-tls.sh): GitLab's
/// variables, a TLS docker context, and every TLS failure provoked for real.
/// </summary>
public sealed class TlsEngineIntegrationTests : IDisposable
{
    private readonly TempDirectory _home = new("clawker-tls-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _home.Dispose();

    private Task<DockerEngine> Connect(Dictionary<string, string> variables) =>
        DockerEngine.ConnectAsync(TlsEngine.Options(variables, _home.Path), Ct);

    private static Dictionary<string, string> GitLab(string host, string certPath) => new()
    {
        ["DOCKER_HOST"] = host,
        ["DOCKER_TLS_VERIFY"] = "1",
        ["DOCKER_CERT_PATH"] = certPath,
    };

    [Fact]
    public async Task GitLabs_variables_connect_and_ensure_a_volume_over_verified_TLS()
    {
        var (host, certs) = TlsEngine.Require();
        using var engine = await Connect(GitLab(host, certs));
        var purpose = TestEngine.NewPurpose();
        try
        {
            var result = await ClawkerVolumes.EnsureAsync(engine, purpose, Ct);
            result.Outcome.ShouldBe(VolumeEnsureOutcome.Created);
            (await ClawkerVolumes.EnsureAsync(engine, purpose, Ct)).Outcome.ShouldBe(VolumeEnsureOutcome.AlreadyExisted);
            var line = result.ToString();
            line.ShouldContain($"{host} (from DOCKER_HOST; TLS verified with {Path.Combine(certs, "ca.pem")}, client certificate {Path.Combine(certs, "cert.pem")}; DOCKER_TLS_VERIFY, files from DOCKER_CERT_PATH)");
            engine.Endpoint.Findings.ShouldBeEmpty();
        }
        finally
        {
            await TestEngine.RemoveVolumeAsync(engine, ClawkerVolumes.Name(purpose));
        }
    }

    [Fact]
    public async Task DOCKER_TLS_connects_without_verifying_and_warns_with_CLAWKER2012()
    {
        var (host, certs) = TlsEngine.Require();
        // The engine's CA is absent: DOCKER_TLS does not check the engine, so that does not matter.
        var folder = TlsEngine.CopyCerts(Path.Combine(_home.Path, "noca"), "cert.pem", "key.pem");
        using var engine = await Connect(new() { ["DOCKER_HOST"] = host, ["DOCKER_TLS"] = "1", ["DOCKER_CERT_PATH"] = folder });
        engine.Endpoint.ToString().ShouldContain("TLS NOT verified");
        var warning = engine.Endpoint.Findings.ShouldHaveSingleItem();
        warning.Code.ShouldBe(ErrorCodes.TlsNotVerified);
        warning.Policy.ShouldBe(ClawkerPolicy.Warning);
    }

    [Fact]
    public async Task The_globals_login_check_over_unverified_TLS_reports_CLAWKER2012_as_the_other_surfaces_do()
    {
        var (host, certs) = TlsEngine.Require();
        var folder = TlsEngine.CopyCerts(Path.Combine(_home.Path, "noca"), "cert.pem", "key.pem");
        var options = new Clawker.GlobalsLogin.GlobalsLoginOptions
        {
            Endpoint = TlsEngine.Options(new Dictionary<string, string> { ["DOCKER_HOST"] = host, ["DOCKER_TLS"] = "1", ["DOCKER_CERT_PATH"] = folder }, _home.Path),
        };

        var report = await Clawker.GlobalsLogin.GlobalsLoginCheck.RunAsync(options, Ct);

        report.Outcome.ShouldNotBe(Clawker.GlobalsLogin.GlobalsLoginOutcome.NotChecked);
        var warning = report.Findings.ShouldHaveSingleItem();
        warning.Code.ShouldBe(ErrorCodes.TlsNotVerified);
        warning.Policy.ShouldBe(ClawkerPolicy.Warning);
    }

    [Fact]
    public async Task A_docker_context_with_TLS_material_connects()
    {
        var (host, certs) = TlsEngine.Require();
        var config = Path.Combine(_home.Path, ".docker");
        TlsContext.Write(config, "dind", host, certs, skipTlsVerify: false);
        using var engine = await Connect(new() { ["DOCKER_CONTEXT"] = "dind" });
        engine.Endpoint.Source.ShouldBe(DockerEndpointSource.DockerContextVariable);
        engine.Endpoint.Tls.ShouldNotBeNull().Verify.ShouldBeTrue();
        engine.Endpoint.ToString().ShouldContain("docker context 'dind'");
        (await engine.InvokeAsync((c, ct) => c.Volumes.ListAsync(ct), Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task No_client_certificate_is_CLAWKER2007_saying_the_engine_demands_one()
    {
        var (host, _) = TlsEngine.Require();
        var folder = TlsEngine.CopyCerts(Path.Combine(_home.Path, "caonly"), "ca.pem");
        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(GitLab(host, folder)));
        error.OfKind(DockerEngineErrorKind.TlsClientCertificateRefused).Message.ShouldContain("demands a client certificate");
    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_is_CLAWKER2007_saying_it_was_refused()
    {
        var (host, _) = TlsEngine.Require();
        var folder = TlsEngine.CopyCerts(Path.Combine(_home.Path, "otherclient"), "ca.pem");
        var (_, cert, key) = TlsEngine.OtherAuthority(clientAuth: true);
        File.WriteAllText(Path.Combine(folder, "cert.pem"), cert);
        File.WriteAllText(Path.Combine(folder, "key.pem"), key);
        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(GitLab(host, folder)));
        error.OfKind(DockerEngineErrorKind.TlsClientCertificateRefused).Message.ShouldContain("refused the client certificate");
        AssertNoPem(error, key);
    }

    [Fact]
    public async Task A_ca_pem_from_another_CA_is_CLAWKER2008_untrusted()
    {
        var (host, _) = TlsEngine.Require();
        var folder = TlsEngine.CopyCerts(Path.Combine(_home.Path, "wrongca"), "cert.pem", "key.pem");
        File.WriteAllText(Path.Combine(folder, "ca.pem"), TlsEngine.OtherAuthority(clientAuth: false).CaPem);
        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(GitLab(host, folder)));
        error.OfKind(DockerEngineErrorKind.TlsServerUntrusted).Message.ShouldContain("not trusted");
    }

    [Fact]
    public async Task An_address_the_certificate_does_not_name_is_CLAWKER2009()
    {
        var (_, certs) = TlsEngine.Require();
        Integration.Require(TlsEngine.MismatchHost is not null, "No IPv6 loopback: the TLS engine has no [::1] listener for the name-mismatch test.");
        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(GitLab(TlsEngine.MismatchHost!, certs)));
        error.OfKind(DockerEngineErrorKind.TlsNameMismatch).Message.ShouldContain("IP:127.0.0.1");
    }

    [Fact]
    public async Task Plain_HTTP_to_the_TLS_engine_is_CLAWKER2010()
    {
        var (host, _) = TlsEngine.Require();
        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(new() { ["DOCKER_HOST"] = host }));
        error.OfKind(DockerEngineErrorKind.TlsRequired).Message.ShouldContain("DOCKER_TLS_VERIFY=1");
    }

    [Fact]
    public async Task TLS_to_the_plain_private_dockerd_is_CLAWKER2011()
    {
        var (_, certs) = TlsEngine.Require();
        var socket = TestEngine.RequireWithCli();
        Integration.Require(socket.StartsWith("unix://", StringComparison.Ordinal), "The plain engine is reached through its unix socket.");
        await using var relay = new TcpRelay(socket["unix://".Length..]);
        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(GitLab(relay.Host, certs)));
        error.OfKind(DockerEngineErrorKind.TlsNotSpoken).Message.ShouldContain("plain HTTP");
    }

    [Fact]
    public async Task A_missing_ca_pem_is_CLAWKER2006_naming_the_file()
    {
        var (host, _) = TlsEngine.Require();
        var folder = TlsEngine.CopyCerts(Path.Combine(_home.Path, "nocafile"), "cert.pem", "key.pem");
        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(GitLab(host, folder)));
        error.OfKind(DockerEngineErrorKind.TlsFilesUnusable).Message.ShouldContain(Path.Combine(folder, "ca.pem"));
    }

    [Fact]
    public async Task A_key_that_does_not_match_is_CLAWKER2006_naming_key_pem_and_quoting_no_pem()
    {
        var (host, _) = TlsEngine.Require();
        var folder = TlsEngine.CopyCerts(Path.Combine(_home.Path, "badkey"), "ca.pem", "cert.pem");
        var key = TlsEngine.OtherAuthority(clientAuth: true).KeyPem;
        File.WriteAllText(Path.Combine(folder, "key.pem"), key);
        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(GitLab(host, folder)));
        error.OfKind(DockerEngineErrorKind.TlsFilesUnusable).Message.ShouldContain(Path.Combine(folder, "key.pem"));
        AssertNoPem(error, key);
    }

    /// <summary>No part of a private key (its PEM armour or any base64 line) in the message or any inner one.</summary>
    internal static void AssertNoPem(Exception error, string keyPem)
    {
        var lines = keyPem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal));
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            e.Message.ShouldNotContain("PRIVATE KEY-----", Case.Sensitive);
            foreach (var line in lines)
            {
                e.Message.ShouldNotContain(line, Case.Sensitive);
            }
        }

        error.ToString().ShouldNotContain("PRIVATE KEY-----", Case.Sensitive);
    }
}
