using Clawker.Tests.Infrastructure;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// The one-task <c>dotnet run</c> hook keeps the public targets' contract: a user's target hooked
/// on <c>ClawkerEnsureGlobalsVolume</c> still runs on the run step, and a project that ran
/// <c>ClawkerValidateCredentials</c> earlier in the build still gets the volume ensured.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class PrepareOnRunHookTests(PackageFeed feed) : LoggedInConsumerTest("clawker-e2e-prehook-")
{
    [Fact]
    public async Task Hooks_on_the_ensure_target_run_and_an_earlier_credential_check_does_not_skip_the_ensure()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        Integration.Require(host is { Length: > 0 }, "DOCKER_HOST is not set: eval \"$(build/services/dockerd.sh start)\" first");
        Login.Write(ClaudeLogin.Json(ClaudeLogin.NewAccessToken()));
        var app = await feed.SharedConsumerAsync("PrepareHookApp");
        var project = Path.Combine(app.Directory, app.Name + ".csproj");
        var text = await File.ReadAllTextAsync(project, TestContext.Current.CancellationToken);
        if (!text.Contains("UserEnsureHook", StringComparison.Ordinal))
        {
            await File.WriteAllTextAsync(project, text.Replace("</Project>", """
                  <Target Name="UserEnsureHook" AfterTargets="ClawkerEnsureGlobalsVolume">
                    <Message Importance="high" Text="HOOK volume=$(ClawkerGlobalsVolumeName)" />
                  </Target>
                  <Target Name="EarlyLoginCheck" DependsOnTargets="ClawkerValidateCredentials" Condition="'$(EarlyCheck)' == 'true'" />
                  <Target Name="ShowClawkerOutputs">
                    <Message Importance="high" Text="OUTPUTS volume=$(ClawkerGlobalsVolumeName)" />
                  </Target>
                </Project>
                """, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        }

        var env = Login.Environment();
        env["DOCKER_HOST"] = host;

        var run = (await app.BuildAsync(env, "-t:ComputeRunArguments;ShowClawkerOutputs", "-v:n")).ShouldSucceed();
        run.Output.ShouldContain("HOOK volume=clawker-globals", Case.Sensitive, "a target hooked on ClawkerEnsureGlobalsVolume runs on the run step, after the volume is ensured");

        var early = (await app.BuildAsync(env, "-t:EarlyLoginCheck;ComputeRunArguments;ShowClawkerOutputs", "--no-restore", "-v:n", "-p:EarlyCheck=true")).ShouldSucceed();
        early.Output.ShouldContain("Clawker volume clawker-globals", Case.Sensitive, "the volume is ensured although the credential check ran before the run step");
        early.Output.ShouldContain("OUTPUTS volume=clawker-globals", Case.Sensitive);
    }
}
