using System.Net;
using System.Net.Sockets;

namespace Clawker.Tests.Docker.Tls;

/// <summary>Hostile TLS files and a TLS port that never answers: coded, bounded, no engine needed.</summary>
public sealed class TlsHostileInputTests : IDisposable
{
    private readonly TempDirectory _home = new("clawker-tls-hostile-");

    public void Dispose() => _home.Dispose();

    public static TheoryData<string, string> Cases() => HostileFiles.Cases("ca.pem", "key.pem");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_TLS_file_is_CLAWKER2006_naming_it_within_the_connect_timeout(string file, string shape)
    {
        var certs = Directory.CreateDirectory(Path.Combine(_home.Path, "certs")).FullName;
        var (ca, cert, key) = TlsEngine.OtherAuthority(clientAuth: true);
        await File.WriteAllTextAsync(Path.Combine(certs, "ca.pem"), ca, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(certs, "cert.pem"), cert, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(certs, "key.pem"), key, TestContext.Current.CancellationToken);

        File.Delete(Path.Combine(certs, file));
        HostileFiles.Place(Path.Combine(certs, file), shape);
        var options = TlsEngine.Options(new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = "tcp://127.0.0.1:9", ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = certs,
        }, _home.Path) with { ConnectTimeout = TimeSpan.FromSeconds(1) };

        var clock = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(options, TestContext.Current.CancellationToken));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        error.OfKind(DockerEngineErrorKind.TlsFilesUnusable).Message.ShouldContain(Path.Combine(certs, file));
    }

    [Fact]
    public async Task A_TLS_port_that_accepts_and_never_answers_times_out_within_the_connect_timeout()
    {
        var (host, certs) = TlsEngine.Require();
        _ = host;
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = TlsEngine.Options(new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = $"tcp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = certs,
        }, _home.Path) with { ConnectTimeout = TimeSpan.FromSeconds(1) };

        var clock = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(options, TestContext.Current.CancellationToken));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        error.OfKind(DockerEngineErrorKind.Unreachable).Message.ShouldContain("did not answer within 1 s");
    }
}
