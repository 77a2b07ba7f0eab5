using System.Net.Sockets;

namespace Clawker.Tests.Docker;

/// <summary>
/// Connecting to endpoints that fail the way real ones do: real unix sockets that are missing,
/// refuse, or never answer. An engine older than API 1.41, and proxies in front of an engine,
/// cannot run here: those are <see cref="HostileEngine"/> scripts on a real socket.
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
        await using var fake = new HostileEngine(SocketPath, "GET /_ping", (f, s) => f.SendAsync(s, Ok("Server: Docker/19.03.15 (linux)\r\nApi-Version: 1.40")));

        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(), Ct)).OfKind(DockerEngineErrorKind.ApiTooOld);
        ex.Code.ShouldBe("CLAWKER2004");
        ex.ApiVersion.ShouldBe("1.40");
        ex.Message.ShouldContain("API 1.40 (engine 19.03.15)");
        ex.Message.ShouldContain("1.41");
        ex.Message.ShouldContain(SocketPath);
        fake.Requests.ShouldBe(["GET /_ping"]);
    }

    [Fact]
    public async Task An_engine_whose_ping_does_not_name_it_is_judged_by_its_version_answer()
    {
        const string Old = """{"Version":"19.03.15","ApiVersion":"1.40","MinAPIVersion":"1.12"}""";
        await using var fake = new HostileEngine(SocketPath, "GET /version", (f, s) => f.SendAsync(s,
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Old.Length}\r\nConnection: close\r\n\r\n{Old}"));

        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(), Ct)).OfKind(DockerEngineErrorKind.ApiTooOld);
        ex.Message.ShouldContain("API 1.40 (engine 19.03.15)");
        fake.Requests.ShouldBe(["GET /_ping", "GET /version"]);
    }

    // A proxy in front of the engine: its ping fails with a status, or names the proxy (nginx sends its own Server).
    [Theory]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found")]
    [InlineData("HTTP/1.1 403 Forbidden\r\nOSType: windows\r\nBuilder-Version: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nServer: nginx/1.25.3\r\nApi-Version: 1.43\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK")]
    [InlineData("HTTP/1.1 200 OK\r\nServer: Docker/24.0.7 (linux)\r\nApi-Version: 1.43abc\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK")]
    public async Task A_ping_that_fails_or_does_not_name_the_engine_leaves_the_decision_to_version(string answer)
    {
        await using var fake = new HostileEngine(SocketPath, "GET /_ping", (f, s) => f.SendAsync(s, answer));

        using var engine = await DockerEngine.ConnectAsync(Options(), Ct);

        engine.EngineVersion.ShouldBe("24.0.7");
        engine.ApiVersion.ShouldBe("1.43");
        if (answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
        {
            engine.Ping.Identifies.ShouldBeFalse();
        }
        else
        {
            engine.Ping.ShouldBe(EnginePing.None, "an error page's headers (OSType, Builder-Version) are not the engine's");
        }

        fake.Requests.ShouldBe(["GET /_ping", "GET /version"]);
    }

    private static string Ok(string headers) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n{headers}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK";
}
