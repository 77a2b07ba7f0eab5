using System.Diagnostics;
using Cake.Core.IO;

namespace Clawker.Cake.Tests.Hostile;

/// <summary>
/// Every engine alias against a fake engine answering garbage, huge bodies, stalls and cut
/// connections on each request it makes, and with an unreadable docker config: one coded
/// CakeException, never an uncoded exception or a stack trace, within the bound.
/// </summary>
public sealed class HostileEngineAliasTests : IDisposable
{
    private readonly TempDirectory _temp = new("clk-");

    public void Dispose() => _temp.Dispose();

    private string Socket => _temp.Combine("e.sock");

    public static TheoryData<string, Hostility> VolumeCases => HostileOutcome.Cases(HostileOutcome.VolumeTargets);

    public static TheoryData<string, Hostility> ImageCases => HostileOutcome.Cases(HostileOutcome.ImageTargets);

    private static ClawkerVolumeSettings VolumeSettings(string? host) =>
        new() { DockerHost = host, ConnectTimeout = HostileOutcome.Timeout, RequestTimeout = HostileOutcome.Timeout };

    private ClawkerBundleResult? _bundle;

    private ClawkerImageBuildSettings ImageSettings(string? host)
    {
        // A real bundle (made without an engine) for the build alias to send.
        _bundle ??= new FakeCakeContext(new FakeCakeEnvironment(_temp.Path)).ClawkerBundleImage(
            new ClawkerBundleSettings { ImageOutputDir = new DirectoryPath(_temp.Combine("bundle")), ImageProject = "hostile" });
        return new() { Bundle = _bundle, DockerHost = host, ConnectTimeout = HostileOutcome.Timeout, RequestTimeout = HostileOutcome.Timeout };
    }

    [Theory]
    [MemberData(nameof(VolumeCases))]
    public async Task ClawkerEnsureGlobalsVolume_throws_one_coded_error(string target, Hostility hostility)
    {
        await using var fake = new HostileEngine(Socket, target, hostility);
        await RunAsync(fake, context => context.ClawkerEnsureGlobalsVolume(VolumeSettings(fake.Host)));
    }

    [Theory]
    [MemberData(nameof(VolumeCases))]
    public async Task ClawkerEnsureVolume_throws_one_coded_error(string target, Hostility hostility)
    {
        await using var fake = new HostileEngine(Socket, target, hostility);
        await RunAsync(fake, context => context.ClawkerEnsureVolume("cache", VolumeSettings(fake.Host)));
    }

    [Theory]
    [MemberData(nameof(ImageCases))]
    public async Task ClawkerBuildImage_throws_one_coded_error(string target, Hostility hostility)
    {
        await using var fake = new HostileEngine(Socket, target, hostility, imageExists: target == "POST /images/");
        await RunAsync(fake, context => context.ClawkerBuildImage(ImageSettings(fake.Host)));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_unreadable_docker_config_is_a_coded_error_in_every_engine_alias()
    {
        var variables = new Dictionary<string, string> { ["DOCKER_CONFIG"] = UnreadableDockerConfig.Create(_temp.Path) };
        Action<ICakeContext>[] aliases =
        [
            c => c.ClawkerEnsureGlobalsVolume(),
            c => c.ClawkerEnsureGlobalsVolume(VolumeSettings(host: null)),
            c => c.ClawkerEnsureVolume("cache", VolumeSettings(host: null)),
            c => c.ClawkerBuildImage(ImageSettings(host: null)),
        ];
        foreach (var alias in aliases)
        {
            var context = new FakeCakeContext(new FakeCakeEnvironment(_temp.Path, variables));
            var clock = Stopwatch.StartNew();

            var failure = Should.Throw<CakeException>(() => alias(context));

            clock.Elapsed.ShouldBeLessThan(HostileOutcome.TimeBound);
            failure.Message.ShouldMatch("^CLAWKER[0-9]{4}: ");
            failure.Message.ShouldNotContain("   at ");
            TestContext.Current.TestOutputHelper?.WriteLine($"unreadable config.json: {failure.Message}");
        }
    }

    [Fact]
    public void An_uncoded_failure_is_CLAWKER9001_without_its_message_or_an_inner_exception()
    {
        const string Secret = "sk-ant-oat01-never-shown-0123456789";
        var failure = Clawker.Cake.Diagnostics.CakeErrors.Unexpected(new InvalidDataException($"stored content {Secret}"), "ClawkerBuildImage");

        failure.Message.ShouldStartWith("CLAWKER9001: ClawkerBuildImage failed unexpectedly: System.IO.InvalidDataException");
        failure.Message.ShouldNotContain(Secret);
        failure.InnerException.ShouldBeNull();
    }

    // On a worker thread: the alias blocks, and the fake serves on the thread pool.
    private static async Task RunAsync(HostileEngine fake, Action<ICakeContext> alias)
    {
        var context = new FakeCakeContext(new FakeCakeEnvironment(System.IO.Path.GetTempPath()));
        var clock = Stopwatch.StartNew();
        var thrown = await Task.Run(() =>
        {
            try
            {
                alias(context);
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }, TestContext.Current.CancellationToken);
        clock.Stop();

        // Only Cake's own exception type may leave an alias: it is what Cake prints as one line.
        if (thrown is not null)
        {
            thrown.ShouldBeOfType<CakeException>();
        }

        var errors = thrown is null ? [] : new[] { thrown.Message };
        HostileOutcome.Check(fake, clock.Elapsed, thrown is null, errors, context.FakeLog.Entries.Select(e => e.Message).Concat(errors));
    }
}
