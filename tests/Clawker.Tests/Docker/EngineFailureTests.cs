using System.Net.Sockets;

namespace Clawker.Tests.Docker;

/// <summary>
/// Connecting to endpoints that fail the way real ones do: real unix sockets that are missing,
/// refuse, or never answer. An engine older than API 1.41 cannot run here, so that one is a
/// minimal fake engine answering /version on a real socket.
/// </summary>
public sealed class EngineFailureTests : IDisposable
{
    // Short: unix socket paths are limited to ~107 characters.
    private readonly TempDirectory _dir = new("clk-");

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string SocketPath => Path.Combine(_dir.Path, "docker.sock");

    private DockerEndpointOptions Options(TimeSpan? connectTimeout = null) => new()
    {
        Host = "unix://" + SocketPath,
        HostOptionName = "the test's host option",
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task Missing_socket_is_unreachable_naming_the_socket_and_how_it_was_chosen()
    {
        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(), Ct)).OfKind(DockerEngineErrorKind.Unreachable);
        ex.Code.ShouldBe("CLAWKER2001");
        ex.Message.ShouldContain($"the socket {SocketPath} does not exist");
        ex.Message.ShouldContain("(from the test's host option)");
        ex.Message.ShouldContain("DOCKER_HOST");
    }

    [Fact]
    public async Task Missing_socket_found_by_connecting_is_also_reported_as_missing()
    {
        // Pretend the file exists so the connect itself meets ENOENT (a socket removed between check and connect).
        var options = Options() with { Environment = new ClawkerEnvironment(_ => null, () => _dir.Path, () => "user", _ => true, isWindows: false) };
        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(options, Ct)).OfKind(DockerEngineErrorKind.Unreachable);
        ex.Message.ShouldContain("does not exist");
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_connection_refused()
    {
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(SocketPath)); // bound, never listening: connect gets ECONNREFUSED

        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(), Ct)).OfKind(DockerEngineErrorKind.Unreachable);
        ex.Message.ShouldContain("connection refused");
        ex.Message.ShouldContain(SocketPath);
    }

    [Fact]
    public async Task An_engine_that_never_answers_times_out_within_the_connect_timeout()
    {
        using var listening = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listening.Bind(new UnixDomainSocketEndPoint(SocketPath));
        listening.Listen(16); // the kernel accepts the connection; nothing ever answers

        var timeout = TimeSpan.FromMilliseconds(300);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(timeout), Ct)).OfKind(DockerEngineErrorKind.Unreachable);
        started.Stop();

        ex.Message.ShouldContain("did not answer within 0.3 s");
        // A bounded connect (the silent engine would hold it forever), with seconds of slack for a
        // loaded machine; the tight overshoot is measured by benchmarks/docker-volume.sh (silent).
        started.Elapsed.ShouldBeLessThan(timeout + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Engine_older_than_api_1_41_is_CLAWKER2004_from_its_ping_fake_engine_since_no_old_dockerd_runs_here()
    {
        using var server = Listen();
        var serving = ServeAsync(server, ("GET /_ping ", Answer("text/plain", "OK", "Server: Docker/19.03.15 (linux)")));

        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(), Ct)).OfKind(DockerEngineErrorKind.ApiTooOld);
        ex.Code.ShouldBe("CLAWKER2004");
        ex.ApiVersion.ShouldBe("1.40");
        ex.Message.ShouldContain("API 1.40 (engine 19.03.15)");
        ex.Message.ShouldContain("1.41");
        ex.Message.ShouldContain(SocketPath);
        await serving;
    }

    [Fact]
    public async Task An_engine_whose_ping_does_not_name_it_is_asked_its_version_and_judged_by_that()
    {
        using var server = Listen();
        var serving = ServeAsync(
            server,
            ("GET /_ping ", Answer("text/plain", "OK")),
            ("GET /version ", Answer("application/json", """{"Version":"19.03.15","ApiVersion":"1.40","MinAPIVersion":"1.12"}""")));

        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(), Ct)).OfKind(DockerEngineErrorKind.ApiTooOld);
        ex.Message.ShouldContain("API 1.40 (engine 19.03.15)");
        await serving;
    }

    private Socket Listen()
    {
        var server = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(SocketPath));
        server.Listen(4);
        return server;
    }

    private static string Answer(string type, string body, string? header = null) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: {type}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nApi-Version: 1.40\r\n{(header is null ? string.Empty : header + "\r\n")}\r\n{body}";

    // Answers the exchanges in order, each request checked to be the one expected, on as many
    // connections as the client opens; ones that close without a request (the bare connect probe) are skipped.
    private static async Task ServeAsync(Socket server, params (string Request, string Answer)[] exchanges)
    {
        var next = 0;
        while (next < exchanges.Length)
        {
            using var client = await server.AcceptAsync(Ct);
            var buffer = new byte[8192];
            var received = new StringBuilder();
            while (next < exchanges.Length)
            {
                var n = await client.ReceiveAsync(buffer, SocketFlags.None, Ct);
                if (n == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
                var end = received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0)
                {
                    continue;
                }

                received.ToString().ShouldStartWith(exchanges[next].Request);
                received.Remove(0, end + 4);
                await client.SendAsync(Encoding.ASCII.GetBytes(exchanges[next++].Answer), SocketFlags.None, Ct);
            }
        }
    }
}
