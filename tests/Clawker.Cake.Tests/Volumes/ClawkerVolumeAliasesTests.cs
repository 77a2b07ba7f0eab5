namespace Clawker.Cake.Tests.Volumes;

/// <summary>An unreachable engine needs no engine: a socket path that does not exist.</summary>
public sealed class ClawkerVolumeAliasesTests
{
    [Fact]
    public void An_unreachable_engine_fails_with_CLAWKER2001_first_by_default()
    {
        using var temp = new TempDirectory();
        var context = new FakeCakeContext(new FakeCakeEnvironment(temp.Path));

        var failure = Should.Throw<CakeException>(() => context.ClawkerEnsureGlobalsVolume(new ClawkerVolumeSettings { DockerHost = $"unix://{temp.Combine("missing.sock")}" }));

        failure.Message.ShouldStartWith("CLAWKER2001: ");
        failure.Message.ShouldContain(temp.Combine("missing.sock"));
    }

    [Fact]
    public void With_policy_Warning_an_unreachable_engine_is_a_warning_and_the_outcome_says_so()
    {
        using var temp = new TempDirectory();
        var context = new FakeCakeContext(new FakeCakeEnvironment(temp.Path, new Dictionary<string, string> { ["DOCKER_HOST"] = $"unix://{temp.Combine("missing.sock")}" }));

        var result = context.ClawkerEnsureGlobalsVolume(new ClawkerVolumeSettings { EngineUnreachable = ClawkerPolicy.Warning });

        result.Outcome.ShouldBe(ClawkerVolumeOutcome.EngineUnreachable);
        result.Name.ShouldBe("clawker-globals");
        result.Endpoint.ShouldContain("DOCKER_HOST");
        context.FakeLog.At(LogLevel.Warning).ShouldHaveSingleItem().ShouldStartWith("CLAWKER2001: ");
    }

    [Fact]
    public void With_policy_Ignore_an_unreachable_engine_logs_no_warning()
    {
        using var temp = new TempDirectory();
        var context = new FakeCakeContext(new FakeCakeEnvironment(temp.Path));

        var result = context.ClawkerEnsureVolume("cache", new ClawkerVolumeSettings { DockerHost = $"unix://{temp.Combine("missing.sock")}", EngineUnreachable = ClawkerPolicy.Ignore });

        result.Outcome.ShouldBe(ClawkerVolumeOutcome.EngineUnreachable);
        result.Name.ShouldBe("clawker-cache");
        context.FakeLog.At(LogLevel.Warning).ShouldBeEmpty();
        context.FakeLog.At(LogLevel.Verbose).ShouldContain(m => m.StartsWith("CLAWKER2001: ", StringComparison.Ordinal));
    }
}
