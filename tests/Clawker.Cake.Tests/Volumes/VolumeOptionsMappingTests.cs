using Clawker.Docker;
using Clawker.Cake.Publishing;

namespace Clawker.Cake.Tests.Volumes;

public sealed class VolumeOptionsMappingTests
{
    public static TheoryData<string> EngineSettings =>
        new(nameof(ClawkerVolumeSettings), nameof(ClawkerImageBuildSettings), nameof(ClawkerImagePushSettings), nameof(ClawkerCredentialSettings));

    // Every engine-using alias's settings share one base and one mapping; each names its own class in errors.
    [Theory]
    [MemberData(nameof(EngineSettings))]
    public void Unset_engine_settings_take_the_library_defaults_on_every_alias(string settingsClass)
    {
        ClawkerEngineSettings settings = settingsClass switch
        {
            nameof(ClawkerVolumeSettings) => new ClawkerVolumeSettings(),
            nameof(ClawkerImageBuildSettings) => new ClawkerImageBuildSettings(),
            nameof(ClawkerImagePushSettings) => new ClawkerImagePushSettings(),
            _ => new ClawkerCredentialSettings(),
        };

        var options = settings.ToEndpointOptions(new FakeCakeEnvironment("/work"));

        (options.Host, options.CertPath, options.TlsVerify).ShouldBe((null, null, null));
        options.HostOptionName.ShouldBe($"{settingsClass}.DockerHost");
        (options.ConnectTimeout, options.RequestTimeout).ShouldBe((DockerEndpointOptions.DefaultConnectTimeout, DockerEndpointOptions.DefaultRequestTimeout));
    }

    [Fact]
    public void Host_and_timeouts_reach_the_library_options()
    {
        var options = new ClawkerVolumeSettings
        {
            DockerHost = " tcp://docker.example:2375 ",
            ConnectTimeout = TimeSpan.FromMilliseconds(250),
            RequestTimeout = TimeSpan.FromSeconds(7),
        }.ToEndpointOptions(new FakeCakeEnvironment("/work"));

        options.Host.ShouldBe("tcp://docker.example:2375");
        options.ConnectTimeout.ShouldBe(TimeSpan.FromMilliseconds(250));
        options.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Theory]
    [MemberData(nameof(EngineSettings))]
    public void A_timeout_no_timer_takes_is_CLAWKER5002_named_as_Cake_spells_it(string settingsClass)
    {
        ClawkerEngineSettings settings = settingsClass switch
        {
            nameof(ClawkerVolumeSettings) => new ClawkerVolumeSettings { RequestTimeout = TimeSpan.FromDays(30) },
            nameof(ClawkerImageBuildSettings) => new ClawkerImageBuildSettings { ConnectTimeout = TimeSpan.Zero },
            nameof(ClawkerImagePushSettings) => new ClawkerImagePushSettings { ConnectTimeout = TimeSpan.FromSeconds(-1) },
            _ => new ClawkerCredentialSettings { RequestTimeout = TimeSpan.MaxValue },
        };
        var setting = settings.ConnectTimeout is null ? "RequestTimeout" : "ConnectTimeout";

        var ex = Should.Throw<CakeException>(() => settings.ToEndpointOptions(new FakeCakeEnvironment("/work")));

        ex.Message.ShouldStartWith("CLAWKER5002: ");
        ex.Message.ShouldContain($"{settingsClass}.{setting}");
    }

    [Fact]
    public void A_blank_host_means_none()
    {
        new ClawkerVolumeSettings { DockerHost = "  " }.ToEndpointOptions(new FakeCakeEnvironment("/work")).Host.ShouldBeNull();
    }

    [Fact]
    public void DOCKER_HOST_is_read_from_the_cake_environment_not_the_process()
    {
        var environment = new FakeCakeEnvironment("/work", new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/from-cake-env.sock" });

        var endpoint = DockerEngine.ResolveEndpoint(new ClawkerVolumeSettings().ToEndpointOptions(environment));

        endpoint.Uri.ShouldBe(new Uri("unix:///tmp/from-cake-env.sock"));
        endpoint.Reason.ShouldContain("DOCKER_HOST");
    }

    [Fact]
    public void The_setting_wins_over_DOCKER_HOST()
    {
        var environment = new FakeCakeEnvironment("/work", new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/from-env.sock" });

        var endpoint = DockerEngine.ResolveEndpoint(new ClawkerVolumeSettings { DockerHost = "unix:///tmp/from-setting.sock" }.ToEndpointOptions(environment));

        endpoint.Uri.ShouldBe(new Uri("unix:///tmp/from-setting.sock"));
    }

    [Theory]
    [InlineData(VolumeEnsureOutcome.Created, ClawkerVolumeOutcome.Created)]
    [InlineData(VolumeEnsureOutcome.AlreadyExisted, ClawkerVolumeOutcome.AlreadyExisted)]
    public void The_result_keeps_name_outcome_and_endpoint(VolumeEnsureOutcome outcome, ClawkerVolumeOutcome expected)
    {
        var endpoint = new DockerEndpoint(new Uri("unix:///run/docker.sock"), DockerEndpointSource.DockerHostVariable, "from DOCKER_HOST");

        var result = new VolumeEnsureResult("clawker-globals", outcome, endpoint).ToCakeResult();

        result.ShouldBe(new ClawkerVolumeResult("clawker-globals", expected, endpoint.ToString()));
    }
}
