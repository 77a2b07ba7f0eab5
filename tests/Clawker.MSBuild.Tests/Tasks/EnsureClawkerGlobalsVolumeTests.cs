namespace Clawker.MSBuild.Tests.Tasks;

/// <summary>Failure mapping of the volume task; the real engine is exercised end to end (EndToEnd/RunTests).</summary>
public class EnsureClawkerGlobalsVolumeTests
{
    [Fact]
    public void A_missing_socket_is_CLAWKER2001_naming_the_endpoint_and_the_property()
    {
        var engine = new TestBuildEngine();
        var socket = $"/tmp/clawker-no-such-{Guid.NewGuid():N}.sock";
        var task = new EnsureClawkerGlobalsVolume { BuildEngine = engine, DockerHost = "unix://" + socket };

        task.Execute().ShouldBeFalse();

        var error = engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.EngineUnreachable);
        error.Subcategory.ShouldBe("Clawker");
        error.Message!.ShouldContain(socket);
        error.Message!.ShouldContain("ClawkerDockerHost");
    }
}
