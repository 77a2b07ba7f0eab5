namespace Clawker.Cake.Tests.Volumes;

/// <summary>An unreachable engine needs no engine: a socket path that does not exist.</summary>
public sealed class ClawkerVolumeAliasesTests
{
    [Fact]
    public void An_unreachable_engine_fails_with_CLAWKER2001_first_by_default()
    {
        using var cake = new CakeSandbox();

        var failure = Should.Throw<CakeException>(() => cake.Context.ClawkerEnsureGlobalsVolume(new ClawkerVolumeSettings { DockerHost = cake.MissingSocketHost }));

        failure.Message.ShouldStartWith("CLAWKER2001: ");
        failure.Message.ShouldContain(cake.MissingSocket);
    }

    [Fact]
    public void With_policy_Warning_an_unreachable_engine_is_a_warning_and_the_outcome_says_so()
    {
        using var cake = new CakeSandbox(unreachableDockerHost: true);

        var result = cake.Context.ClawkerEnsureGlobalsVolume(new ClawkerVolumeSettings { EngineUnreachable = ClawkerPolicy.Warning });

        result.Outcome.ShouldBe(ClawkerVolumeOutcome.EngineUnreachable);
        result.Name.ShouldBe("clawker-globals");
        result.Endpoint.ShouldContain("DOCKER_HOST");
        cake.Context.FakeLog.At(LogLevel.Warning).ShouldHaveSingleItem().ShouldStartWith("CLAWKER2001: ");
    }

    [Fact]
    public void With_policy_Ignore_an_unreachable_engine_logs_no_warning()
    {
        using var cake = new CakeSandbox();

        var result = cake.Context.ClawkerEnsureVolume("cache", new ClawkerVolumeSettings { DockerHost = cake.MissingSocketHost, EngineUnreachable = ClawkerPolicy.Ignore });

        result.Outcome.ShouldBe(ClawkerVolumeOutcome.EngineUnreachable);
        result.Name.ShouldBe("clawker-cache");
        cake.Context.FakeLog.At(LogLevel.Warning).ShouldBeEmpty();
        cake.Context.FakeLog.At(LogLevel.Verbose).ShouldContain(m => m.StartsWith("CLAWKER2001: ", StringComparison.Ordinal));
    }
}
