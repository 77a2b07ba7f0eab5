namespace Clawker.Tests.Docker;

/// <summary>
/// The connect identifies the engine from its ping alone; on the real engines (dockerd, and podman
/// when the Test target runs these again against it) that must say what <c>/version</c> says.
/// </summary>
public sealed class EngineIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_ping_names_the_engine_as_its_version_answer_does()
    {
        TestEngine.Require();
        using var engine = await TestEngine.ConnectAsync(cancellationToken: Ct);
        using var client = TestEngine.Client();
        var version = await client.System.GetVersionAsync(Ct);

        engine.Ping.Identifies.ShouldBeTrue($"the ping said: {engine.Ping}");
        engine.ApiVersion.ShouldBe(version.APIVersion);
        engine.EngineVersion.ShouldBe(version.Version);
        engine.IsPodman.ShouldBe((version.Components ?? []).Any(c => c.Name.StartsWith("Podman", StringComparison.Ordinal)));
    }
}
