using Clawker.Docker;
using Clawker.Images;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Images;

/// <summary>Podman's cache-lookup race (containers/buildah#5674): nothing was built, so the build is sent again, a bounded number of times, for that failure only.</summary>
public sealed class CacheLookupRaceTests : IDisposable
{
    private readonly TempDirectory _dir = new("clk-race-");

    private const string RaceLine = "checking if cached image exists from a previous build: getting top layer info: layer not known";
    private const string Head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task A_build_that_lost_its_cache_lookup_is_built_again_and_succeeds()
    {
        var progress = new LineCollector();
        var (result, builds) = await BuildAsync(failures: BuildFailures.CacheLookupRaceAttempts - 1, RaceLine, progress, TestContext.Current.CancellationToken);

        result.ImageId.ShouldBe("sha256:" + new string('a', 64));
        builds.ShouldBe(BuildFailures.CacheLookupRaceAttempts);
        progress.Lines.Count(p => p.Contains("building again", StringComparison.Ordinal)).ShouldBe(BuildFailures.CacheLookupRaceAttempts - 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_race_that_keeps_happening_is_CLAWKER4001_after_the_bounded_attempts()
    {
        var error = await Should.ThrowAsync<ImageBuildException>(() => BuildAsync(failures: int.MaxValue, RaceLine, new LineCollector(), TestContext.Current.CancellationToken));

        error.Code.ShouldBe("CLAWKER4001");
        error.EngineMessage.ShouldBe(RaceLine);
        error.FailedStep.ShouldBe("STEP 2/2: COPY Dockerfile /x");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("getting top layer info: layer not known")]
    [InlineData("checking if cached image exists from a previous build: permission denied")]
    [InlineData("COPY failed: file not found in build context")]
    public async Task Any_other_failure_is_not_built_again(string engineError)
    {
        var builds = 0;
        var error = await Should.ThrowAsync<ImageBuildException>(async () => builds = (await BuildAsync(failures: int.MaxValue, engineError, new LineCollector(), TestContext.Current.CancellationToken, counted: n => builds = n)).Builds);

        error.Code.ShouldBe("CLAWKER4001");
        builds.ShouldBe(1);
    }

    private async Task<(ImageBuildResult Result, int Builds)> BuildAsync(int failures, string engineError, LineCollector progress, CancellationToken ct, Action<int>? counted = null)
    {
        var tar = _dir.Combine("context.tar");
        using (var file = File.Create(tar))
        using (var writer = new System.Formats.Tar.TarWriter(file, System.Formats.Tar.TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new System.Formats.Tar.UstarTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream("FROM scratch\nCOPY Dockerfile /x\n"u8.ToArray()) });
        }

        var builds = 0;
        var error = System.Text.Json.JsonSerializer.Serialize(engineError);
        await using var fake = new HostileEngine(_dir.Combine("e.sock"), "POST /build", async (f, s) =>
        {
            var n = Interlocked.Increment(ref builds);
            counted?.Invoke(n);
            await f.SendAsync(s, Head + "{\"stream\":\"STEP 1/2: FROM scratch\\n\"}\r\n{\"stream\":\"STEP 2/2: COPY Dockerfile /x\\n\"}\r\n");
            await f.SendAsync(s, n <= failures
                ? $"{{\"error\":{error},\"errorDetail\":{{\"message\":{error}}}}}\r\n"
                : "{\"aux\":{\"ID\":\"sha256:" + new string('a', 64) + "\"}}\r\n{\"stream\":\"Successfully tagged clawker-race:sha-0123456789ab\\n\"}\r\n");
        });
        var timeout = TimeSpan.FromSeconds(20);
        using var engine = await DockerEngine.ConnectAsync(new DockerEndpointOptions { Host = fake.Host, HostOptionName = "the test's host", ConnectTimeout = timeout, RequestTimeout = timeout }, ct);
        var result = await AgentImageBuilder.BuildAsync(
            engine, tar, "clawker-race:sha-0123456789ab", "0123456789ab" + new string('0', 52),
            new ImageBuildOptions { Force = true, Builder = ImageBuilderKind.Classic },
            progress,
            ct);
        return (result, builds);
    }
}
