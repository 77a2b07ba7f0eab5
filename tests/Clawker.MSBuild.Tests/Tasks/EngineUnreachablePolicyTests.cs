namespace Clawker.MSBuild.Tests.Tasks;

/// <summary>ClawkerEngineUnreachable on both engine tasks: a socket path that does not exist needs no engine.</summary>
public sealed class EngineUnreachablePolicyTests
{
    private static string MissingSocket() => $"unix:///tmp/clawker-no-such-{Guid.NewGuid():N}.sock";

    private static EngineTask Task(string kind, TestBuildEngine engine, string? policy) => kind switch
    {
        "volume" => new EnsureClawkerGlobalsVolume { BuildEngine = engine, DockerHost = MissingSocket(), EngineUnreachable = policy },
        _ => new BuildClawkerImage
        {
            BuildEngine = engine, DockerHost = MissingSocket(), EngineUnreachable = policy,
            TarPath = "/nonexistent/context.tar", Tag = "clawker-x:sha-000000000000", ContentHash = new string('0', 64),
        },
    };

    /// <summary>Runs the task of <paramref name="kind"/> under <paramref name="policy"/> and asserts whether it passes.</summary>
    private static TestBuildEngine Run(string kind, string? policy, bool succeeds)
    {
        var engine = new TestBuildEngine();
        Task(kind, engine, policy).Execute().ShouldBe(succeeds);
        return engine;
    }

    /// <summary>The tasks that talk to the engine: each must apply the policy.</summary>
    public static TheoryData<string> Kinds => ["volume", "image"];

    [Theory]
    [InlineData("volume", null)]
    [InlineData("volume", "Error")]
    [InlineData("image", null)]
    [InlineData("image", "error")]
    public void By_default_and_under_Error_an_unreachable_engine_fails_with_CLAWKER2001(string kind, string? policy)
    {
        var engine = Run(kind, policy, succeeds: false);

        engine.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.EngineUnreachable);
        engine.Warnings.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Under_Warning_it_is_a_CLAWKER2001_warning_and_the_task_passes(string kind)
    {
        var engine = Run(kind, "Warning", succeeds: true);

        engine.Errors.ShouldBeEmpty();
        var warning = engine.Warnings.ShouldHaveSingleItem();
        warning.Code.ShouldBe(ErrorCodes.EngineUnreachable);
        warning.Subcategory.ShouldBe("Clawker");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Under_Ignore_it_is_a_low_message_only(string kind)
    {
        var engine = Run(kind, "Ignore", succeeds: true);

        engine.Errors.ShouldBeEmpty();
        engine.Warnings.ShouldBeEmpty();
        engine.Messages.ShouldContain(m => m.Message!.StartsWith("CLAWKER2001 (ignored by policy)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_policy_value_is_CLAWKER5002_naming_the_MSBuild_property()
    {
        // Read before any connection is tried.
        var engine = Run("volume", "Loud", succeeds: false);

        var error = engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.InvalidBuildProperty);
        error.Message!.ShouldContain("ClawkerEngineUnreachable is 'Loud'");
    }

    [Fact]
    public void Timeouts_are_milliseconds_and_a_bad_one_names_its_MSBuild_property()
    {
        var engine = new TestBuildEngine();
        var task = new EnsureClawkerGlobalsVolume { BuildEngine = engine, DockerHost = MissingSocket(), ConnectTimeout = "5 s" };

        task.Execute().ShouldBeFalse();

        engine.Errors.ShouldHaveSingleItem().Message!.ShouldContain("ClawkerConnectTimeout is '5 s'");
    }
}
