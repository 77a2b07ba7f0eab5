using System.Diagnostics;
using Clawker.Docker;
using Clawker.Testing;

namespace Clawker.MSBuild.Tests.Hostile;

/// <summary>
/// Every task against a fake engine answering garbage, huge bodies, stalls and cut connections on
/// each request it makes, plus an unreadable docker config and an uncoded library failure: always
/// one coded error, never MSB4018 or a stack trace, within the bound.
/// </summary>
public sealed class HostileEngineTaskTests : IDisposable
{
    // Short: unix socket paths are limited to ~107 characters.
    private readonly TempDirectory _dir = new("clk-");

    public void Dispose() => _dir.Dispose();

    private string Socket => Path.Combine(_dir.Path, "e.sock");

    public static TheoryData<string, Hostility> VolumeCases => HostileOutcome.Cases(HostileOutcome.VolumeTargets);

    public static TheoryData<string, Hostility> ImageCases => HostileOutcome.Cases(HostileOutcome.ImageTargets);

    private static DockerEndpointOptions Bounded(DockerEndpointOptions o) =>
        o with { ConnectTimeout = HostileOutcome.Timeout, RequestTimeout = HostileOutcome.Timeout };

    [Theory]
    [MemberData(nameof(VolumeCases))]
    public async Task EnsureClawkerGlobalsVolume_reports_one_coded_error(string target, Hostility hostility)
    {
        await using var fake = new HostileEngine(Socket, target, hostility);
        var engine = new TestBuildEngine();
        var task = new EnsureClawkerGlobalsVolume { BuildEngine = engine, DockerHost = fake.Host, ConfigureEndpoint = Bounded };

        var (succeeded, elapsed) = await RunAsync(task);

        Check(fake, engine, succeeded, elapsed);
    }

    [Theory]
    [MemberData(nameof(ImageCases))]
    public async Task BuildClawkerImage_reports_one_coded_error(string target, Hostility hostility)
    {
        await using var fake = new HostileEngine(Socket, target, hostility, imageExists: target == "POST /images/");
        var engine = new TestBuildEngine();
        var task = BuildTask(engine, fake.Host);

        var (succeeded, elapsed) = await RunAsync(task);

        Check(fake, engine, succeeded, elapsed);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_unreadable_docker_config_is_a_coded_error_in_both_engine_tasks()
    {
        var variables = new Dictionary<string, string> { ["DOCKER_CONFIG"] = UnreadableDockerConfig.Create(_dir.Path) };
        DockerEndpointOptions WithConfig(DockerEndpointOptions o) =>
            Bounded(o) with { Environment = ClawkerEnvironment.FromValues(variables, _dir.Path) };
        ClawkerTask[] tasks =
        [
            new EnsureClawkerGlobalsVolume { ConfigureEndpoint = WithConfig },
            BuildTask(new TestBuildEngine(), host: null, WithConfig),
        ];
        foreach (var task in tasks)
        {
            var engine = new TestBuildEngine();
            task.BuildEngine = engine;

            var (succeeded, elapsed) = await RunAsync(task);

            succeeded.ShouldBeFalse();
            elapsed.ShouldBeLessThan(HostileOutcome.TimeBound);
            var error = engine.Errors.ShouldHaveSingleItem();
            error.Code.ShouldMatch("^CLAWKER[0-9]{4}$");
            TestContext.Current.TestOutputHelper?.WriteLine($"{task.GetType().Name}, unreadable config.json: {error.Code}: {error.Message}");
            engine.AllText.ShouldAllBe(t => !t.Contains("   at ") && !t.Contains("MSB4018"));
        }
    }

    [Fact]
    public void An_uncoded_library_failure_is_CLAWKER9001_with_its_type_and_never_its_message()
    {
        const string Secret = "sk-ant-oat01-never-shown-0123456789";
        var engine = new TestBuildEngine();
        var task = new ValidateClawkerCredentials
        {
            BuildEngine = engine,
            ConfigureOptions = o => new CredentialCheckOptions
            {
                Keyring = new FailingKeyring(_ => new InvalidOperationException($"stored content {Secret}")),
                Environment = ClawkerEnvironment.FromValues(new Dictionary<string, string>(), _dir.Path),
                KeyringTimeout = o.KeyringTimeout,
            },
        };

        task.Execute().ShouldBeFalse();

        var error = engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe("CLAWKER9001");
        error.Message!.ShouldContain("System.InvalidOperationException");
        error.Message!.ShouldContain("ValidateClawkerCredentials");
        engine.AllText.ShouldAllBe(t => !t.Contains(Secret) && !t.Contains("   at "));
    }

    private BuildClawkerImage BuildTask(TestBuildEngine engine, string? host, Func<DockerEndpointOptions, DockerEndpointOptions>? configure = null)
    {
        var tar = Path.Combine(_dir.Path, "context.tar");
        File.WriteAllBytes(tar, new byte[1024]);
        return new BuildClawkerImage
        {
            BuildEngine = engine,
            DockerHost = host,
            TarPath = tar,
            Tag = "clawker-hostile:sha-0123456789ab",
            ContentHash = "0123456789ab" + new string('0', 52),
            ConfigureEndpoint = configure ?? Bounded,
        };
    }

    // On a worker thread: Execute blocks, and the fake serves on the thread pool.
    private static async Task<(bool Succeeded, TimeSpan Elapsed)> RunAsync(ClawkerTask task)
    {
        var clock = Stopwatch.StartNew();
        var succeeded = await Task.Run(task.Execute, TestContext.Current.CancellationToken);
        return (succeeded, clock.Elapsed);
    }

    private static void Check(HostileEngine fake, TestBuildEngine engine, bool succeeded, TimeSpan elapsed) =>
        HostileOutcome.Check(fake, elapsed, succeeded, [.. engine.Errors.Select(e => $"{e.Code}: {e.Message}")], engine.AllText);
}
