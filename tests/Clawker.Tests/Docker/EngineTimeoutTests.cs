using Clawker.Publishing;

namespace Clawker.Tests.Docker;

/// <summary>
/// Timeouts given as durations (the library's options, Cake's settings) are checked where they are
/// set: zero, negative or over 24 days is CLAWKER5002 naming the setting. Unchecked, a timer threw an
/// uncoded ArgumentOutOfRangeException mid-call; the largest accepted value must really work.
/// </summary>
public sealed class EngineTimeoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Refused => new("zero", "negative", "one past int.MaxValue ms", "TimeSpan.MaxValue", "TimeSpan.MinValue");

    private static TimeSpan Value(string name) => name switch
    {
        "zero" => TimeSpan.Zero,
        "negative" => TimeSpan.FromMilliseconds(-5),
        "one past int.MaxValue ms" => TimeSpan.FromMilliseconds(int.MaxValue + 1L),
        "TimeSpan.MaxValue" => TimeSpan.MaxValue,
        _ => TimeSpan.MinValue,
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_unusable_engine_timeout_is_CLAWKER5002_naming_it(string name)
    {
        var connect = Should.Throw<ClawkerSettingException>(() => new DockerEndpointOptions { ConnectTimeout = Value(name) });
        var request = Should.Throw<ClawkerSettingException>(() => DockerEndpointOptions.Create(null, "h", requestTimeout: Value(name)));

        (connect.Code, connect.Key).ShouldBe(("CLAWKER5002", "ConnectTimeout"));
        (request.Code, request.Key).ShouldBe(("CLAWKER5002", "RequestTimeout"));
        connect.Message.ShouldContain("24 days");
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_unusable_push_timeout_is_CLAWKER5002_naming_it(string name)
    {
        Should.Throw<ClawkerSettingException>(() => new ImagePushOptions { CredentialHelperTimeout = Value(name) }).Key.ShouldBe("CredentialHelperTimeout");
        Should.Throw<ClawkerSettingException>(() => new ImagePushOptions { RegistryTimeout = Value(name) }).Key.ShouldBe("RegistryTimeout");
        Should.Throw<ClawkerSettingException>(() => new ImagePushOptions { ConfigReadTimeout = Value(name) }).Key.ShouldBe("ConfigReadTimeout");
    }

    [Fact]
    public void The_bounds_and_infinite_are_accepted()
    {
        var longest = TimeSpan.FromMilliseconds(int.MaxValue);
        new DockerEndpointOptions { ConnectTimeout = TimeSpan.FromMilliseconds(1), RequestTimeout = longest }.RequestTimeout.ShouldBe(longest);
        new DockerEndpointOptions { ConnectTimeout = Timeout.InfiniteTimeSpan }.ConnectTimeout.ShouldBe(Timeout.InfiniteTimeSpan);
        new ImagePushOptions { RegistryTimeout = longest }.RegistryTimeout.ShouldBe(longest);
    }

    [Fact]
    public async Task The_longest_accepted_timeouts_connect_and_ensure_on_the_real_engine()
    {
        var longest = TimeSpan.FromMilliseconds(int.MaxValue);
        TestEngine.Require();
        using var engine = await DockerEngine.ConnectAsync(TestEngine.Options with { ConnectTimeout = longest, RequestTimeout = longest }, Ct);
        await using var volume = TestVolume.Reserve(engine);

        (await ClawkerVolumes.EnsureAsync(engine, volume.Purpose, Ct)).Outcome.ShouldBe(VolumeEnsureOutcome.Created);
    }

    [Fact]
    public async Task An_infinite_connect_timeout_connects_on_the_real_engine()
    {
        TestEngine.Require();
        using var engine = await DockerEngine.ConnectAsync(TestEngine.Options with { ConnectTimeout = Timeout.InfiniteTimeSpan, RequestTimeout = Timeout.InfiniteTimeSpan }, Ct);

        engine.ApiVersion.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_infinite_connect_timeout_is_not_cut_short_by_a_shorter_request_timeout()
    {
        using var dir = new TempDirectory("clk-inf-");
        // The ping answers after 2.5 s: more than the request timeout, which must not bound the connect.
        await using var fake = new HostileEngine(dir.Combine("e.sock"), "GET /_ping", async (f, s) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2.5), f.Stopping);
            await f.SendAsync(s, "HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nServer: Docker/24.0.7 (linux)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nOK");
        });

        using var engine = await DockerEngine.ConnectAsync(
            new DockerEndpointOptions { Host = fake.Host, HostOptionName = "the test's host", ConnectTimeout = Timeout.InfiniteTimeSpan, RequestTimeout = TimeSpan.FromSeconds(1) }, Ct);

        engine.ApiVersion.ShouldBe("1.43");
    }
}
