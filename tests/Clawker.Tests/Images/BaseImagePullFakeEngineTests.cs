using System.Text;
using Clawker.Docker;
using Clawker.Images;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Images;

/// <summary>
/// A base behind a login pulled from a fake engine that records the requests: what Clawker pulls
/// itself, whether the build still asks the engine to pull (<c>pull=1</c>), and the pull's answer
/// read as the stream it is (long, or never started).
/// </summary>
public sealed class BaseImagePullFakeEngineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new("clk-refresh-");

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task With_every_base_named_Clawker_pulls_them_and_the_build_is_sent_without_pull_1()
    {
        var targets = await BuildAsync("FROM reg.example.com/cred:1 AS a\nFROM reg.example.com/open:1\nCOPY --from=a /x /x\n", [], TestContext.Current.CancellationToken);

        targets.Count(t => t.StartsWith("POST /images/create", StringComparison.Ordinal)).ShouldBe(2);
        targets.Single(t => t.StartsWith("POST /build", StringComparison.Ordinal)).ShouldNotContain("pull=1");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_base_Clawker_cannot_name_keeps_pull_1_so_Pull_still_refreshes_it()
    {
        // ${A:-${B}}: the engine resolves it to B's value, Clawker does not; it must not go stale silently.
        var progress = new LineCollector();
        var targets = await BuildAsync("ARG A\nARG B\nFROM reg.example.com/cred:1 AS a\nFROM ${A:-${B}}\nCOPY --from=a /x /x\n", new() { ["B"] = "reg.example.com/other:1" }, TestContext.Current.CancellationToken, progress);

        targets.Single(t => t.StartsWith("POST /build", StringComparison.Ordinal)).ShouldContain("pull=1");
        progress.Lines.ShouldContain(p => p.Contains("${A:-${B}}", StringComparison.Ordinal) && p.Contains("pull", StringComparison.OrdinalIgnoreCase));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_pull_answering_more_than_a_JSON_answer_may_hold_is_read_to_its_end()
    {
        var ct = TestContext.Current.CancellationToken;
        // A long pull: ~20 MB of progress lines, more than any single JSON answer may be.
        var line = Encoding.ASCII.GetBytes("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1,\"total\":2},\"progress\":\"[=>  ] 1B/2B\",\"id\":\"0123456789ab\"}\r\n");
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Encoding.ASCII.GetString(line), 1000)));
        var targets = await BuildAsync("FROM reg.example.com/cred:1\n", [], ct, fakeScript: async (f, s) =>
        {
            await f.SendAsync(s, StreamHead);
            for (long sent = 0; sent < 20L * 1024 * 1024; sent += chunk.Length)
            {
                await s.WriteAsync(chunk, ct);
            }

            await f.SendAsync(s, "{\"status\":\"Status: Downloaded newer image for reg.example.com/cred:1\"}\r\n");
        });

        targets.ShouldContain(t => t.StartsWith("POST /build", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_pull_the_engine_never_answers_is_CLAWKER2001_within_the_engine_s_bound()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var build = BuildAsync("FROM reg.example.com/cred:1\n", [], ct, requestTimeout: TimeSpan.FromSeconds(3), fakeScript: (f, s) => Task.Delay(System.Threading.Timeout.Infinite, f.Stopping));
        (await Task.WhenAny(build, Task.Delay(TimeSpan.FromSeconds(60), ct))).ShouldBe(build, "a pull the engine never answers must not hang the build");

        var error = await Should.ThrowAsync<DockerEngineException>(build);
        // As for a build that never starts answering: the engine stalled (the bound is the larger of the connect and request timeouts).
        error.Code.ShouldBe("CLAWKER2001");
        error.Message.ShouldContain("POST /images/create");
        error.Message.ShouldContain("no answer within");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(45));
    }

    private const string StreamHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";

    private async Task<IReadOnlyList<string>> BuildAsync(
        string dockerfile, Dictionary<string, string> buildArgs, CancellationToken ct, LineCollector? progress = null, Func<HostileEngine, Stream, Task>? fakeScript = null, TimeSpan? requestTimeout = null)
    {
        var tar = _dir.Combine("context.tar");
        using (var file = File.Create(tar))
        using (var writer = new System.Formats.Tar.TarWriter(file, System.Formats.Tar.TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new System.Formats.Tar.UstarTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dockerfile)) });
        }

        using var config = TestRegistry.DockerConfig("{\"auths\":{\"reg.example.com\":{\"auth\":\"" + TestRegistry.Auth("u", "known-password") + "\"}}}");
        await using var fake = fakeScript is null
            ? new HostileEngine(_dir.Combine("e.sock"), "GET /never", Hostility.NeverAnswer)
            : new HostileEngine(_dir.Combine("e.sock"), "POST /images/create", fakeScript);
        using var engine = await DockerEngine.ConnectAsync(new DockerEndpointOptions { Host = fake.Host, HostOptionName = "the test's host", ConnectTimeout = Timeout, RequestTimeout = requestTimeout ?? Timeout }, ct);
        await AgentImageBuilder.BuildAsync(
            engine, tar, "clawker-refresh:sha-0123456789ab", "0123456789ab" + new string('0', 52),
            new ImageBuildOptions
            {
                Force = true,
                Builder = ImageBuilderKind.Classic,
                Inputs = new ImageBuildInputs { Pull = true, BuildArgs = buildArgs },
                Environment = ClawkerEnvironment.FromValues(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path, ["PATH"] = "/usr/bin:/bin" }, homeDirectory: "/nonexistent-home"),
            },
            progress,
            ct);
        return fake.RequestTargets;
    }
}
