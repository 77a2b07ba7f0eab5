using Cake.Core;
using Cake.Core.Diagnostics;
using Clawker.Cake.Credentials;
using Clawker.Cake.Tests.Infrastructure;
using Clawker.Diagnostics;
using Clawker.GlobalsLogin;

namespace Clawker.Cake.Tests.Credentials;

/// <summary>
/// The volume part of <c>ClawkerValidateCredentials</c>: on the private dockerd (read only: its
/// clawker-globals is shared with other tests, so nothing is planted there), and the engine-unreachable policy.
/// </summary>
public sealed class GlobalsLoginAliasTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private FakeCakeContext Context()
    {
        ClaudeLogin.WriteFile(_temp.Combine("claude"), ClaudeLogin.Json(ClaudeLogin.NewAccessToken()));
        var variables = new Dictionary<string, string> { ["CLAUDE_CONFIG_DIR"] = _temp.Combine("claude"), ["CLAWKER_KEYRING"] = "none", ["USER"] = "builder" };
        return new FakeCakeContext(new FakeCakeEnvironment(_temp.Path, variables, home: _temp.Combine("home")));
    }

    [Fact]
    public void With_an_engine_the_alias_checks_clawker_globals_and_says_what_it_found()
    {
        TestEngine.Require();
        var context = Context();

        var report = context.ClawkerValidateCredentials(new ClawkerCredentialSettings { DockerHost = TestEngine.Host, EngineUnreachable = ClawkerPolicy.Error });

        var volume = report.GlobalsLogin.ShouldNotBeNull();
        volume.Source.ShouldBe("volume clawker-globals");
        // No test writes a login there: the volume is missing, or has none.
        volume.Outcome.ShouldBeOneOf(GlobalsLoginOutcome.NoVolume, GlobalsLoginOutcome.NoLogin);
        context.FakeLog.At(LogLevel.Information).ShouldContain(line => line.Contains("volume clawker-globals", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_engine_and_no_policy_the_volume_is_not_checked_and_that_is_a_verbose_line()
    {
        var context = Context();

        var report = context.ClawkerValidateCredentials(new ClawkerCredentialSettings { DockerHost = "unix:///nonexistent/docker.sock" });

        report.Found.ShouldBeTrue();
        report.GlobalsLogin!.Outcome.ShouldBe(GlobalsLoginOutcome.NotChecked);
        context.FakeLog.At(LogLevel.Warning).ShouldBeEmpty();
        context.FakeLog.At(LogLevel.Verbose).ShouldContain(line => line.Contains("was not checked", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_engine_policy_Warning_is_a_CLAWKER2001_warning_and_Error_fails()
    {
        var context = Context();

        var report = context.ClawkerValidateCredentials(new ClawkerCredentialSettings { DockerHost = "unix:///nonexistent/docker.sock", EngineUnreachable = ClawkerPolicy.Warning });

        report.Findings.ShouldContain(f => f.Code == "CLAWKER2001");
        context.FakeLog.At(LogLevel.Warning).ShouldHaveSingleItem().ShouldStartWith("CLAWKER2001: ");
        Should.Throw<CakeException>(() => Context().ClawkerValidateCredentials(new ClawkerCredentialSettings { DockerHost = "unix:///nonexistent/docker.sock", EngineUnreachable = ClawkerPolicy.Error }))
            .Message.ShouldStartWith("CLAWKER2001: ");
    }
}
