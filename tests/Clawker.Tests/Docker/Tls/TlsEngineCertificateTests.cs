using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Clawker.Docker;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Docker.Tls;

/// <summary>
/// The engine's certificate under DOCKER_TLS_VERIFY=1, against TLS engines on 127.0.0.1 with
/// certificates made at test time: what the docker CLI refuses is refused (wrong usage, expired,
/// another name, another CA), what it accepts connects (several CAs in ca.pem, an intermediate the
/// engine sends), and nothing the engine's certificate names is fetched.
/// </summary>
public sealed class TlsEngineCertificateTests : IDisposable
{
    private readonly TempDirectory _home = new("clawker-tlscert-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _home.Dispose();

    private Task<DockerEngine> Connect(TlsTestEngine engine, string folder, bool verify = true) =>
        DockerEngine.ConnectAsync(TlsEngine.Options(new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = engine.Host,
            [verify ? "DOCKER_TLS_VERIFY" : "DOCKER_TLS"] = "1",
            ["DOCKER_CERT_PATH"] = folder,
        }, _home.Path), Ct);

    private string Folder(params X509Certificate2[] trusted) =>
        TlsTestAuthority.Folder(Path.Combine(_home.Path, Guid.NewGuid().ToString("N")), trusted);

    /// <summary>Connects to an engine presenting <paramref name="certificate"/> and sending <paramref name="sent"/>, trusting <paramref name="trusted"/>.</summary>
    private async Task ConnectsAsync(X509Certificate2 certificate, X509Certificate2[] sent, params X509Certificate2[] trusted)
    {
        await using var engine = new TlsTestEngine(certificate, sent);
        using var connected = await Connect(engine, Folder(trusted));
        connected.ApiVersion.ShouldBe("1.45");
    }

    /// <summary>As <see cref="ConnectsAsync"/>, but refused: the error, of <paramref name="kind"/>.</summary>
    private async Task<DockerEngineException> RefusedAsync(DockerEngineErrorKind kind, X509Certificate2 certificate, X509Certificate2[] sent, params X509Certificate2[] trusted)
    {
        await using var engine = new TlsTestEngine(certificate, sent);
        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(engine, Folder(trusted)));
        return error.OfKind(kind);
    }

    [Fact]
    public async Task An_engine_certificate_for_client_use_only_is_CLAWKER2008_as_the_docker_CLI_refuses_it()
    {
        // E.g. another client's cert.pem from the same CA, presented by whoever holds it as the engine.
        using var ca = TlsTestAuthority.Ca("test CA");
        using var clientOnly = TlsTestAuthority.Engine(ca, TlsTestAuthority.ClientAuth);
        (await RefusedAsync(DockerEngineErrorKind.TlsServerUntrusted, clientOnly, [], ca)).Message.ShouldContain("NotValidForUsage");
    }

    [Fact]
    public async Task An_expired_engine_certificate_is_CLAWKER2008()
    {
        using var ca = TlsTestAuthority.Ca("test CA");
        using var expired = TlsTestAuthority.Engine(ca, expired: true);
        (await RefusedAsync(DockerEngineErrorKind.TlsServerUntrusted, expired, [], ca)).Message.ShouldContain("NotTimeValid");
    }

    [Fact]
    public async Task An_engine_certificate_for_another_name_is_CLAWKER2009_naming_it()
    {
        using var ca = TlsTestAuthority.Ca("test CA");
        using var other = TlsTestAuthority.Engine(ca, dnsName: "other.example");
        (await RefusedAsync(DockerEngineErrorKind.TlsNameMismatch, other, [], ca)).Message.ShouldContain("DNS:other.example");
    }

    [Fact]
    public async Task An_engine_certificate_from_a_CA_not_in_ca_pem_is_CLAWKER2008()
    {
        using var ca = TlsTestAuthority.Ca("test CA");
        using var other = TlsTestAuthority.Ca("another CA");
        using var certificate = TlsTestAuthority.Engine(other);

        // The engine even sends its own root: sent certificates never become trusted.
        await RefusedAsync(DockerEngineErrorKind.TlsServerUntrusted, certificate, [other], ca);
    }

    [Fact]
    public async Task Without_verify_the_expired_certificate_of_another_CA_connects_and_warns()
    {
        using var ca = TlsTestAuthority.Ca("test CA");
        using var other = TlsTestAuthority.Ca("another CA");
        using var certificate = TlsTestAuthority.Engine(other, expired: true, dnsName: "other.example");
        await using var engine = new TlsTestEngine(certificate);

        using var connected = await Connect(engine, Folder(ca), verify: false);

        connected.Endpoint.Findings.ShouldHaveSingleItem().Code.ShouldBe(Clawker.Diagnostics.ErrorCodes.TlsNotVerified);
    }

    [Fact]
    public async Task A_ca_pem_holding_several_CAs_trusts_each_of_them()
    {
        using var ca = TlsTestAuthority.Ca("test CA");
        using var other = TlsTestAuthority.Ca("another CA");
        using var certificate = TlsTestAuthority.Engine(ca);
        await ConnectsAsync(certificate, [], other, ca);
    }

    [Theory]
    [InlineData("root", "intermediate")]
    [InlineData("intermediate", "intermediate")]
    [InlineData("intermediate", "intermediate, root")]
    [InlineData("intermediate", "")]
    public async Task An_engine_certificate_from_an_intermediate_connects_as_with_the_docker_CLI(string trusted, string sent)
    {
        // Go's verifier takes every certificate in ca.pem as an anchor, self-signed or not; what the engine sends only links.
        using var root = TlsTestAuthority.Ca("test root");
        using var intermediate = TlsTestAuthority.Intermediate(root, "test intermediate");
        using var certificate = TlsTestAuthority.Engine(intermediate);
        X509Certificate2 Named(string name) => name == "root" ? root : intermediate;
        var sentCertificates = sent.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(Named).ToArray();

        await ConnectsAsync(certificate, sentCertificates, Named(trusted));
    }

    [Fact]
    public async Task A_look_alike_of_the_intermediate_in_ca_pem_sent_by_the_engine_is_CLAWKER2008()
    {
        // Same name as ca.pem's intermediate, another key: what it issued chains to nothing in ca.pem.
        using var root = TlsTestAuthority.Ca("test root");
        using var intermediate = TlsTestAuthority.Intermediate(root, "test intermediate");
        using var otherRoot = TlsTestAuthority.Ca("test root");
        using var lookAlike = TlsTestAuthority.Intermediate(otherRoot, "test intermediate");
        using var certificate = TlsTestAuthority.Engine(lookAlike);
        await RefusedAsync(DockerEngineErrorKind.TlsServerUntrusted, certificate, [lookAlike], intermediate);
    }

    [Fact]
    public async Task An_expired_certificate_from_the_intermediate_in_ca_pem_is_CLAWKER2008()
    {
        using var root = TlsTestAuthority.Ca("test root");
        using var intermediate = TlsTestAuthority.Intermediate(root, "test intermediate");
        using var certificate = TlsTestAuthority.Engine(intermediate, expired: true);
        (await RefusedAsync(DockerEngineErrorKind.TlsServerUntrusted, certificate, [intermediate], intermediate)).Message.ShouldContain("NotTimeValid");
    }

    [Fact]
    public async Task A_client_only_certificate_from_the_intermediate_in_ca_pem_is_CLAWKER2008()
    {
        using var root = TlsTestAuthority.Ca("test root");
        using var intermediate = TlsTestAuthority.Intermediate(root, "test intermediate");
        using var certificate = TlsTestAuthority.Engine(intermediate, TlsTestAuthority.ClientAuth);
        (await RefusedAsync(DockerEngineErrorKind.TlsServerUntrusted, certificate, [intermediate], intermediate)).Message.ShouldContain("NotValidForUsage");
    }

    [Fact]
    public async Task Without_ca_pem_a_context_that_verifies_checks_against_the_system_CAs_and_refuses_a_private_CA()
    {
        using var ca = TlsTestAuthority.Ca("test CA");
        using var certificate = TlsTestAuthority.Engine(ca);
        await using var engine = new TlsTestEngine(certificate, ca);
        // A context with a client certificate and no ca.pem: the system's CAs apply (the CLI's rule).
        var (_, cert, key) = TlsEngine.OtherAuthority(clientAuth: true);
        var material = Folder(ca);
        File.WriteAllText(Path.Combine(material, "cert.pem"), cert);
        File.WriteAllText(Path.Combine(material, "key.pem"), key);
        var config = Path.Combine(_home.Path, ".docker");
        TlsContext.Write(config, "system-cas", engine.Host, material, skipTlsVerify: false);
        File.Delete(Directory.EnumerateFiles(Path.Combine(config, "contexts", "tls"), "ca.pem", SearchOption.AllDirectories).Single());

        var error = await Should.ThrowAsync<DockerEngineException>(() =>
            DockerEngine.ConnectAsync(TlsEngine.Options(new Dictionary<string, string> { ["DOCKER_CONTEXT"] = "system-cas" }, _home.Path), Ct));

        error.OfKind(DockerEngineErrorKind.TlsServerUntrusted).Message.ShouldContain("system");
    }

    [Fact]
    public async Task A_missing_intermediate_is_not_fetched_from_the_certificate_s_address_and_refused_in_bounded_time()
    {
        // The docker CLI never downloads issuers; a fetch would be a request to wherever the engine's certificate points.
        using var fetched = new TcpListener(IPAddress.Loopback, 0);
        fetched.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)fetched.LocalEndpoint).Port}/issuer.cer";
        using var root = TlsTestAuthority.Ca("test root");
        using var intermediate = TlsTestAuthority.Intermediate(root, "test intermediate");
        using var certificate = TlsTestAuthority.Engine(intermediate, caIssuersUrl: url);
        await using var engine = new TlsTestEngine(certificate);
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<DockerEngineException>(() => Connect(engine, Folder(root)));

        error.OfKind(DockerEngineErrorKind.TlsServerUntrusted);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        fetched.Pending().ShouldBeFalse("nothing connected to the address in the engine's certificate");
    }
}
