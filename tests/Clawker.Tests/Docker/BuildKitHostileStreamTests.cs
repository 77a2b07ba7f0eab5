using System.Diagnostics;
using System.Text;
using Clawker.Docker;
using Clawker.Images;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Docker;

/// <summary>
/// A fake engine that streams BuildKit status over the real HTTP path: garbage protobuf is a coded
/// engine-answer error, and a flood of log output with a huge step name ends in a bounded CLAWKER4001.
/// </summary>
public sealed class BuildKitHostileStreamTests : IDisposable
{
    private const string StreamHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly string _dir = Directory.CreateTempSubdirectory("clk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(Timeout = 60_000)]
    public async Task Garbage_protobuf_in_a_trace_message_is_CLAWKER2005_naming_no_content()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = new HostileEngine(Path.Combine(_dir, "e.sock"), "POST /build", (f, s) =>
            f.SendAsync(s, StreamHead + "{\"id\":\"moby.buildkit.trace\",\"aux\":\"Cv////8PZ2FyYmFnZQ==\"}\r\n"));

        var ex = await Should.ThrowAsync<DockerEngineException>(() => BuildAsync(fake, null, ct)).OfKind(DockerEngineErrorKind.RequestFailed);

        ex.Code.ShouldBe("CLAWKER2005");
        ex.Message.ShouldContain("moby.buildkit.trace");
        ex.Message.ShouldNotContain("garbage");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_flood_of_output_under_a_huge_step_name_ends_in_a_bounded_CLAWKER4001()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = new string('n', 300_000);
        await using var fake = new HostileEngine(Path.Combine(_dir, "e.sock"), "POST /build", async (f, s) =>
        {
            await f.SendAsync(s, StreamHead + Trace(Vertex("sha256:v", name, started: true)));
            var flood = Trace(Log("sha256:v", string.Concat(Enumerable.Repeat("line of output\n", 20_000))));
            for (var i = 0; i < 100; i++)
            {
                await f.SendAsync(s, flood);
            }

            await f.SendAsync(s, Trace(Vertex("sha256:v", name, started: true, error: "exit code: 9")) + "{\"error\":\"exit code: 9\"}\r\n");
        });
        var lines = 0L;
        var clock = Stopwatch.StartNew();

        var ex = await Should.ThrowAsync<ImageBuildException>(() => BuildAsync(fake, new CountingProgress(() => lines++), ct)).OfKind(ImageBuildErrorKind.BuildFailed);

        clock.Elapsed.ShouldBeLessThan(Timeout);
        lines.ShouldBeGreaterThan(2_000_000);
        ex.Message.Length.ShouldBeLessThan(12_000);
        ex.FailedStep.ShouldNotBeNull().Length.ShouldBeLessThan(300);
        ex.Message.ShouldContain("line of output");
    }

    private async Task<ImageBuildResult> BuildAsync(HostileEngine fake, IProgress<string>? progress, CancellationToken ct)
    {
        var tar = Path.Combine(_dir, "context.tar");
        await File.WriteAllBytesAsync(tar, new byte[1024], ct);
        using var engine = await DockerEngine.ConnectAsync(new DockerEndpointOptions { Host = fake.Host, HostOptionName = "the test's host", ConnectTimeout = Timeout, RequestTimeout = Timeout }, ct);
        return await AgentImageBuilder.BuildAsync(
            engine, tar, "clawker-hostile:sha-0123456789ab", "0123456789ab" + new string('0', 52),
            new ImageBuildOptions { Force = true, Builder = ImageBuilderKind.BuildKit }, progress, ct);
    }

    private static string Trace(byte[] part) =>
        "{\"id\":\"moby.buildkit.trace\",\"aux\":\"" + Convert.ToBase64String(part) + "\"}\r\n";

    // StatusResponse { vertexes = 1 { digest = 1, name = 3, started = 5, completed = 6, error = 7 } }
    private static byte[] Vertex(string digest, string name, bool started, string? error = null)
    {
        var timestamp = Field(1, Varint(1_796_000_000));
        var vertex = Concat(Field(1, digest), Field(3, name), started ? Field(5, timestamp) : [], error is null ? [] : Concat(Field(6, timestamp), Field(7, error)));
        return Field(1, vertex);
    }

    // StatusResponse { logs = 3 { vertex = 1, msg = 4 } }
    private static byte[] Log(string digest, string text) => Field(3, Concat(Field(1, digest), Field(4, text)));

    private static byte[] Field(int number, string text) => Field(number, Encoding.UTF8.GetBytes(text));

    private static byte[] Field(int number, byte[] bytes) => Concat(Varint((ulong)((number << 3) | 2)), Varint((ulong)bytes.Length), bytes);

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private sealed class CountingProgress(Action count) : IProgress<string>
    {
        public void Report(string value) => count();
    }
}
