using System.Net.Sockets;
using Docker.DotNet.NativeHttp;

namespace Clawker.Tests.Docker;

/// <summary>
/// An engine that answers with a redirect is not followed, on either kind of transport: the unix
/// socket's (Docker.DotNet's own handler) and the one TLS and ssh share (.NET's SocketsHttpHandler
/// with a connect callback). Followed, a redirect would replay the request, a create's body and
/// all, to a path the answer chose.
/// </summary>
public sealed class EngineRedirectTests : IDisposable
{
    private readonly TempDirectory _dir = new("clk-");

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string SocketPath => Path.Combine(_dir.Path, "e.sock");

    private static Task<DockerEngine> ConnectAsync(HostileEngine fake) =>
        DockerEngine.ConnectAsync(new DockerEndpointOptions { Host = fake.Host, HostOptionName = "the test's host" }, Ct);

    private static Func<HostileEngine, Stream, Task> Redirect(int status, string location) =>
        (f, s) => f.SendAsync(s, $"HTTP/1.1 {status} Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    [Theory]
    [InlineData("GET /volumes/", 301, "/containers/json")]
    [InlineData("POST /volumes/create", 307, "/containers/create")]
    [InlineData("POST /volumes/create", 308, "http://elsewhere.invalid/volumes/create")]
    public async Task A_redirect_on_the_unix_socket_is_a_coded_failure_and_not_followed(string target, int status, string location)
    {
        await using var fake = new HostileEngine(SocketPath, target, Redirect(status, location));
        using var engine = await ConnectAsync(fake);

        var ex = await Should.ThrowAsync<DockerEngineException>(() => ClawkerVolumes.EnsureAsync(engine, TestEngine.NewPurpose(), Ct));

        ex.Code.ShouldBe("CLAWKER2005");
        ex.Message.ShouldContain($"{status}, a redirect to ");
        fake.Requests.Count(r => r.StartsWith(target, StringComparison.Ordinal)).ShouldBe(1, string.Join(", ", fake.Requests));
        ex.Message.ShouldContain(target);
        fake.Requests[^1].ShouldStartWith(target, customMessage: string.Join(", ", fake.Requests));
        fake.Requests.ShouldNotContain(r => r.Contains("/containers/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redirect_on_the_transport_of_tls_and_ssh_is_not_followed()
    {
        await using var fake = new HostileEngine(SocketPath, "GET /volumes/", Redirect(301, "/containers/json"));
        var transport = new NativeHttpTransportOptions
        {
            ConfigureHandler = handler =>
            {
                handler.UseProxy = false; // as ssh's transport: a runner's HTTP_PROXY has no say here
                handler.ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                };
            },
        };
        using var client = EngineTransport.Client(new Uri("http://docker.example.com"), TimeSpan.FromSeconds(30), tls: false, wrap: null, transport);

        var ex = await Should.ThrowAsync<EngineAnswerException>(() => client.Volumes.InspectAsync("clawker-x", Ct));

        ex.Problem.ShouldStartWith("301, a redirect to /containers/json");
        fake.Requests.ShouldBe(["GET /volumes/clawker-x"]);
    }

    [Fact]
    public async Task A_redirect_names_only_where_it_points_never_credentials_or_a_query()
    {
        await using var fake = new HostileEngine(SocketPath, "GET /volumes/", Redirect(302, "https://user:s3cret-token@registry.invalid:8443/v2/\u202Eevil?X-Amz-Signature=s3cret-sig#frag"));
        using var engine = await ConnectAsync(fake);

        var ex = await Should.ThrowAsync<DockerEngineException>(() => ClawkerVolumes.EnsureAsync(engine, TestEngine.NewPurpose(), Ct));

        ex.Message.ShouldContain("302, a redirect to https://registry.invalid:8443/v2/");
        ex.Message.ShouldNotContain("s3cret");
        ex.Message.ShouldNotContain("user");
        ex.Message.ShouldNotContain("\u202E");
    }

    [Fact]
    public async Task A_ping_that_redirects_leaves_the_decision_to_version()
    {
        await using var fake = new HostileEngine(SocketPath, "GET /_ping", Redirect(301, "/elsewhere"));

        using var engine = await ConnectAsync(fake);

        engine.EngineVersion.ShouldBe("24.0.7");
        fake.Requests.ShouldBe(["GET /_ping", "GET /version"]);
    }

    [Fact]
    public async Task A_304_is_no_redirect_starting_a_started_container_is_a_success()
    {
        await using var fake = new HostileEngine(SocketPath, "POST /containers/", (f, s) => f.SendAsync(s, "HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        using var engine = await ConnectAsync(fake);

        var started = await engine.InvokeAsync((client, ct) => client.Containers.StartContainerAsync("clawker-x", new global::Docker.DotNet.Models.ContainerStartParameters(), ct), Ct);

        started.ShouldBeFalse("Docker.DotNet's answer to a 304: already started");
    }
}
