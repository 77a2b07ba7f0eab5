namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>Exit codes and messages of a real Cake run when the volume cannot be ensured.</summary>
public sealed class VolumeFailureEndToEndTests(AddinFeed feed) : LoggedInCakeTest
{
    [Fact]
    public async Task A_volume_of_clawkers_name_without_its_labels_fails_the_build_with_CLAWKER2002()
    {
        TestEngine.RequireWithCli();
        var purpose = $"e2e-{Guid.NewGuid():N}"[..16];
        var name = $"clawker-{purpose}";
        (await TestEngine.CliAsync("volume", "create", name)).ExitCode.ShouldBe(0);
        try
        {
            using var script = await CakeScript.CreateAsync(feed, $$"""
                Task("Volume").Does(() => ClawkerEnsureVolume("{{purpose}}", new ClawkerVolumeSettings()));
                RunTarget("Volume");
                """);

            var run = await script.RunAsync(Environment());

            run.ExitCode.ShouldNotBe(0, run.ToString());
            run.Error.ShouldContain($"Error: CLAWKER2002: ", customMessage: run.ToString());
            run.Error.ShouldContain(name, customMessage: run.ToString());
            var inspect = await TestEngine.CliAsync("volume", "inspect", "--format", "{{json .Labels}}", name);
            (JsonSerializer.Deserialize<Dictionary<string, string>?>(inspect.Output) ?? []).ShouldBeEmpty("the volume must not be adopted or relabelled");
        }
        finally
        {
            await TestEngine.CliAsync("volume", "rm", "-f", name);
        }
    }

    [Fact]
    public async Task An_unreachable_engine_fails_the_build_with_CLAWKER2001_and_says_how_to_point_DOCKER_HOST()
    {
        using var script = await CakeScript.CreateAsync(feed, """
            Task("Volume").Does(() => ClawkerEnsureGlobalsVolume());
            RunTarget("Volume");
            """);

        var run = await script.RunAsync(new Dictionary<string, string?>(Environment()) { ["DOCKER_HOST"] = $"unix://{Path.Combine(Login.ConfigDir, "no-engine.sock")}" });

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain("Error: CLAWKER2001: ", customMessage: run.ToString());
        run.Error.ShouldContain("DOCKER_HOST", customMessage: run.ToString());
    }
}
