using System.Net.Sockets;

namespace Clawker.Tests.Docker;

/// <summary>
/// <see cref="EngineConnection"/>: a connect begun ahead of its use (the <c>dotnet run</c> hook
/// checks the credentials meanwhile). Its failures surface where the engine is needed, as the
/// connect throws them; disposing it mid-connect neither blocks nor leaves an exception unobserved.
/// </summary>
public sealed class EngineConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DockerEndpointOptions On(string socketPath) => new() { Host = "unix://" + socketPath, HostOptionName = "the test's host option" };

    [Fact]
    public async Task A_missing_engine_is_CLAWKER2001_from_the_first_use_not_from_the_start()
    {
        using var dir = new TempDirectory("clk-");
        using var connection = EngineConnection.Start(() => On(Path.Combine(dir.Path, "docker.sock")), Ct);

        var ex = await Should.ThrowAsync<DockerEngineException>(() => connection.GetEngineAsync(Ct)).OfKind(DockerEngineErrorKind.Unreachable);
        ex.Message.ShouldContain("does not exist");
        // Every later use sees the same failure (one connect, shared by the steps).
        (await Should.ThrowAsync<DockerEngineException>(() => connection.GetEngineAsync(Ct))).ShouldBeSameAs(ex);
    }

    [Fact]
    public async Task Options_that_fail_to_parse_fail_the_first_use_with_their_own_coded_error()
    {
        var malformed = new ClawkerSettingException(SettingKeys.ConnectTimeout, "not a number", "a number of milliseconds");
        using var connection = EngineConnection.Start(() => throw malformed, Ct);

        (await Should.ThrowAsync<ClawkerSettingException>(() => connection.GetEngineAsync(Ct))).ShouldBeSameAs(malformed);
    }

    [Fact]
    public async Task Disposing_while_an_engine_stays_silent_returns_at_once_and_leaves_no_unobserved_exception()
    {
        using var dir = new TempDirectory("clk-");
        var socketPath = Path.Combine(dir.Path, "docker.sock");
        using var listening = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listening.Bind(new UnixDomainSocketEndPoint(socketPath));
        listening.Listen(16); // accepted by the kernel, never answered: the connect waits for its timeout
        using var unobserved = new UnobservedTaskExceptions();
        var connection = EngineConnection.Start(() => On(socketPath) with { ConnectTimeout = TimeSpan.FromSeconds(30) }, Ct);
        var waiting = connection.GetEngineAsync(Ct);
        await Task.Delay(200, Ct);
        var started = System.Diagnostics.Stopwatch.StartNew();
        connection.Dispose();
        started.Stop();

        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2), "Dispose must not wait for the connect");
        // The connect ends cancelled, long before its 30 s timeout.
        await Should.ThrowAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await Should.ThrowAsync<ObjectDisposedException>(() => connection.GetEngineAsync(Ct));
        connection.Dispose(); // twice is harmless
        unobserved.FromClawker().ShouldBeEmpty(unobserved.ToString());
    }

    [Fact]
    public async Task A_real_engine_is_connected_once_and_disposed_with_the_connection()
    {
        TestEngine.Require();
        DockerEngine engine;
        using (var connection = EngineConnection.Start(() => TestEngine.Options, Ct))
        {
            engine = await connection.GetEngineAsync(Ct);
            (await connection.GetEngineAsync(Ct)).ShouldBeSameAs(engine);
            await engine.Client.System.PingAsync(Ct);
        }

        await Should.ThrowAsync<ObjectDisposedException>(() => engine.Client.System.PingAsync(Ct));
    }
}
