namespace Clawker.Tests.Docker;

/// <summary>
/// Answers that slip past a byte bound keyed on the wrong thing: a build message spread over many
/// short lines, endless white space between messages, a 101 nobody asked for. Each is a coded
/// error within the bound, and the fake never gets to send much more than the cap.
/// </summary>
public sealed class EngineAnswerBoundTests : IDisposable
{
    // Generous: these cases test the size bounds, which must trip long before a stall bound would
    // (a short stall bound made a loaded machine report the slow parse as a stall instead).
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan TimeBound = Timeout + TimeSpan.FromSeconds(10);
    private const long MaxBytesSent = 8L * 1024 * 1024;

    // Short: unix socket paths are limited to ~107 characters.
    private readonly string _dir = Directory.CreateTempSubdirectory("clk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string StreamHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";

    [Fact(Timeout = 60_000)]
    public async Task A_build_message_spread_over_short_lines_is_bounded_like_one_long_line()
    {
        // Valid JSON: white space between tokens may hold newlines, so a newline is no message end.
        var ex = await BuildAgainstAsync(async (fake, s) =>
        {
            await fake.SendAsync(s, StreamHead + "{\"stream\":\"x\",\"pad\":[");
            var lines = string.Concat(Enumerable.Repeat("0,\n", 20_000));
            while (true)
            {
                await fake.SendAsync(s, lines);
            }
        }, TestContext.Current.CancellationToken);

        ex.Message.ShouldContain("POST /build");
        ex.Message.ShouldContain("larger than 1 MB");
    }

    [Fact(Timeout = 60_000)]
    public async Task Endless_white_space_between_build_messages_is_bounded()
    {
        var ex = await BuildAgainstAsync(async (fake, s) =>
        {
            await fake.SendAsync(s, StreamHead + "{\"stream\":\"Step 1/1 : FROM scratch\\n\"}\r\n");
            var blank = new string('\n', 64 * 1024);
            while (true)
            {
                await fake.SendAsync(s, blank);
            }
        }, TestContext.Current.CancellationToken);

        ex.Message.ShouldContain("POST /build");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_101_answer_to_a_plain_request_is_malformed_and_not_read_whole()
    {
        await using var fake = new HostileEngine(Path.Combine(_dir, "e.sock"), "GET /version", async (f, s) =>
        {
            await f.SendAsync(s, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\n{\"Version\":\"");
            var chunk = new string('x', 64 * 1024);
            while (true)
            {
                await f.SendAsync(s, chunk);
            }
        });
        var clock = Stopwatch.StartNew();

        var ex = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(fake), TestContext.Current.CancellationToken)).OfKind(DockerEngineErrorKind.RequestFailed);

        Checked(fake, clock, ex);
        ex.Message.ShouldContain("GET /version");
        ex.Message.ShouldContain("101");
    }

    private static DockerEndpointOptions Options(HostileEngine fake) =>
        new() { Host = fake.Host, HostOptionName = "the test's host", ConnectTimeout = Timeout, RequestTimeout = Timeout };

    private async Task<DockerEngineException> BuildAgainstAsync(Func<HostileEngine, Stream, Task> answer, CancellationToken ct)
    {
        await using var fake = new HostileEngine(Path.Combine(_dir, "e.sock"), "POST /build", answer);
        var tar = Path.Combine(_dir, "context.tar");
        await File.WriteAllBytesAsync(tar, new byte[1024], ct);
        using var engine = await DockerEngine.ConnectAsync(Options(fake), ct);
        var clock = Stopwatch.StartNew();

        var ex = await Should.ThrowAsync<DockerEngineException>(() => AgentImageBuilder.BuildAsync(
            engine, tar, "clawker-hostile:sha-0123456789ab", "0123456789ab" + new string('0', 52),
            new ImageBuildOptions { Force = true }, cancellationToken: ct)).OfKind(DockerEngineErrorKind.RequestFailed);

        Checked(fake, clock, ex);
        return ex;
    }

    private static void Checked(HostileEngine fake, Stopwatch clock, DockerEngineException ex)
    {
        clock.Elapsed.ShouldBeLessThan(TimeBound);
        fake.BytesSent.ShouldBeLessThan(MaxBytesSent);
        ex.Code.ShouldBe("CLAWKER2005");
        TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds:0.00} s, {fake.BytesSent} bytes sent: {ex.Message}");
    }
}
