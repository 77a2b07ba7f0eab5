using Clawker.Docker;
using Clawker.Images;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Images;

/// <summary>
/// Pull with a base behind a login, against a fake engine that records the requests: what Clawker
/// pulls itself and whether the build still asks the engine to pull (<c>pull=1</c>).
/// </summary>
public sealed class BaseImagePullRefreshTests : IDisposable
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
        var progress = new List<string>();
        var targets = await BuildAsync("ARG A\nARG B\nFROM reg.example.com/cred:1 AS a\nFROM ${A:-${B}}\nCOPY --from=a /x /x\n", new() { ["B"] = "reg.example.com/other:1" }, TestContext.Current.CancellationToken, progress);

        targets.Single(t => t.StartsWith("POST /build", StringComparison.Ordinal)).ShouldContain("pull=1");
        progress.ShouldContain(p => p.Contains("${A:-${B}}", StringComparison.Ordinal) && p.Contains("pull", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IReadOnlyList<string>> BuildAsync(string dockerfile, Dictionary<string, string> buildArgs, CancellationToken ct, List<string>? progress = null)
    {
        var tar = _dir.Combine("context.tar");
        using (var file = File.Create(tar))
        using (var writer = new System.Formats.Tar.TarWriter(file, System.Formats.Tar.TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new System.Formats.Tar.UstarTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dockerfile)) });
        }

        using var config = TestRegistry.DockerConfig("{\"auths\":{\"reg.example.com\":{\"auth\":\"" + TestRegistry.Auth("u", "known-password") + "\"}}}");
        await using var fake = new HostileEngine(_dir.Combine("e.sock"), "GET /never", Hostility.NeverAnswer);
        using var engine = await DockerEngine.ConnectAsync(new DockerEndpointOptions { Host = fake.Host, HostOptionName = "the test's host", ConnectTimeout = Timeout, RequestTimeout = Timeout }, ct);
        await AgentImageBuilder.BuildAsync(
            engine, tar, "clawker-refresh:sha-0123456789ab", "0123456789ab" + new string('0', 52),
            new ImageBuildOptions
            {
                Force = true,
                Builder = ImageBuilderKind.Classic,
                Inputs = new ImageBuildInputs { Pull = true, BuildArgs = buildArgs },
                Environment = ClawkerEnvironment.FromValues(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path, ["PATH"] = "/usr/bin:/bin" }, homeDirectory: "/nonexistent-home"),
            },
            progress is null ? null : new Recorder(progress),
            ct);
        return fake.RequestTargets;
    }

    private sealed class Recorder(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
