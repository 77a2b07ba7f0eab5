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
    public async Task Engine_older_than_api_1_41_is_CLAWKER2004_fake_engine_since_no_old_dockerd_runs_here()
    {
        using var server = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(SocketPath));
        server.Listen(4);
        var serving = ServeOneVersionAsync(server, """{"Version":"19.03.15","ApiVersion":"1.40","MinAPIVersion":"1.12"}""");

        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(), Ct)).OfKind(DockerEngineErrorKind.ApiTooOld);
        ex.Code.ShouldBe("CLAWKER2004");
        ex.ApiVersion.ShouldBe("1.40");
        ex.Message.ShouldContain("API 1.40 (engine 19.03.15)");
        ex.Message.ShouldContain("1.41");
        ex.Message.ShouldContain(SocketPath);
        await serving;
    }

    // Connections that close without a request (the engine's bare connect probe) are skipped.
    private static async Task ServeOneVersionAsync(Socket server, string json)
    {
        while (!await TryServeVersionAsync(server, json))
        {
        }
    }

    private static async Task<bool> TryServeVersionAsync(Socket server, string json)
    {
        using var client = await server.AcceptAsync(Ct);
        var buffer = new byte[8192];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await client.ReceiveAsync(buffer, SocketFlags.None, Ct);
            if (n == 0)
            {
                return false;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        request.ToString().ShouldStartWith("GET /version ");
        var body = Encoding.UTF8.GetBytes(json);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nApi-Version: 1.40\r\n\r\n");
        await client.SendAsync(head.Concat(body).ToArray(), SocketFlags.None, Ct);
        return true;
    }
}
