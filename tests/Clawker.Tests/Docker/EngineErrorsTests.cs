using System.Net;
using System.Net.Sockets;
using Docker.DotNet;

namespace Clawker.Tests.Docker;

/// <summary>Mapping of transport and API failures to coded exceptions (the failures are constructed, not provoked).</summary>
public class EngineErrorsTests
{
    private static readonly DockerEndpoint Endpoint =
        new(new Uri("unix:///run/test/docker.sock"), DockerEndpointSource.DockerHostVariable, "from DOCKER_HOST");

    private static DockerEngineException? Translate(Exception ex) => EngineErrors.Translate(ex, Endpoint, TimeSpan.FromSeconds(5));

    private static HttpRequestException Socket(SocketError error) =>
        new("Connection failed.", new SocketException((int)error));

    [Fact]
    public void Refused_is_unreachable_naming_endpoint_and_how_it_was_chosen()
    {
        var ex = Translate(Socket(SocketError.ConnectionRefused)).ShouldBeOfType<DockerEngineException>().OfKind(DockerEngineErrorKind.Unreachable);
        ex.Code.ShouldBe("CLAWKER2001");
        ex.Endpoint.ShouldBe(Endpoint);
        ex.Message.ShouldContainAll("connection refused", "unix:///run/test/docker.sock (from DOCKER_HOST)");
    }

    [Fact]
    public void Missing_socket_file_is_unreachable_saying_so()
    {
        var ex = Translate(Socket(SocketError.AddressNotAvailable)).ShouldBeOfType<DockerEngineException>().OfKind(DockerEngineErrorKind.Unreachable);
        ex.Message.ShouldContain("/run/test/docker.sock does not exist");
    }

    [Fact]
    public void Access_denied_is_CLAWKER2003_with_docker_group_and_rootless_hints_fake_since_tests_run_as_root()
    {
        var ex = Translate(Socket(SocketError.AccessDenied)).ShouldBeOfType<DockerEngineException>().OfKind(DockerEngineErrorKind.PermissionDenied);
        ex.Code.ShouldBe("CLAWKER2003");
        ex.Message.ShouldContainAll("/run/test/docker.sock", "docker group", "rootless");
    }

    [Fact]
    public void Timeouts_are_unreachable_with_the_bound()
    {
        var ex = Translate(new TaskCanceledException("timeout", new TimeoutException())).ShouldBeOfType<DockerEngineException>().OfKind(DockerEngineErrorKind.Unreachable);
        ex.Message.ShouldContain("did not answer within 5 s");
        Translate(Socket(SocketError.TimedOut)).ShouldBeOfType<DockerEngineException>().OfKind(DockerEngineErrorKind.Unreachable).Message.ShouldContain("within");
    }

    [Fact]
    public void Engine_errors_are_CLAWKER2005_with_the_engines_message()
    {
        var ex = Translate(new DockerApiException(HttpStatusCode.InternalServerError,
            """{"cause":"x","message":"no space left on device","response":500}"""))
            .ShouldBeOfType<DockerEngineException>().OfKind(DockerEngineErrorKind.RequestFailed);
        ex.Code.ShouldBe("CLAWKER2005");
        ex.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        ex.Message.ShouldContain("500 InternalServerError: no space left on device");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_huge_engine_message_is_shown_as_one_short_line_keeping_its_end(bool json)
    {
        var text = "first\n" + new string('x', 1024 * 1024) + "\r\nreturned a non-zero code: 127";
        var body = json ? System.Text.Json.JsonSerializer.Serialize(new { message = text }) : text;

        var ex = Translate(new DockerApiException(HttpStatusCode.InternalServerError, body)).ShouldBeOfType<DockerEngineException>().OfKind(DockerEngineErrorKind.RequestFailed);

        ex.Message.Length.ShouldBeLessThan(1000);
        ex.Message.ShouldNotContain("\n");
        ex.Message.ShouldContainAll("first x", "returned a non-zero code: 127");
    }

    [Fact]
    public void Malformed_JSON_is_CLAWKER2005_naming_the_request_and_the_position_never_the_content()
    {
        var parse = Should.Throw<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse("{\"ApiVersion\": secret-value"));

        var ex = EngineErrors.Translate(parse, Endpoint, TimeSpan.FromSeconds(5), "GET /version").ShouldBeOfType<DockerEngineException>().OfKind(DockerEngineErrorKind.RequestFailed);

        ex.Code.ShouldBe("CLAWKER2005");
        ex.Message.ShouldContainAll("answered GET /version with an answer that is not the JSON", "line 1");
        ex.Message.ShouldNotContain("secret-value");
    }

    [Fact]
    public void Other_failures_are_left_alone() =>
        Translate(new InvalidOperationException("bug")).ShouldBeNull();

    [Theory]
    [InlineData("1.41", true)]
    [InlineData("1.43", true)]
    [InlineData("1.52", true)]
    [InlineData("2.0", true)]
    [InlineData("1.40", false)]
    [InlineData("1.24", false)]
    [InlineData("garbage", false)]
    public void Api_version_floor_is_1_41(string version, bool supported) =>
        DockerEngine.IsSupported(version).ShouldBe(supported);

    [Fact]
    public void Label_conflict_names_found_labels_and_the_fix()
    {
        var ex = Should.Throw<DockerEngineException>(() =>
            ClawkerVolumes.CheckLabels(Endpoint, "clawker-globals", "globals", new Dictionary<string, string> { ["com.clawker.purpose"] = "other" })).OfKind(DockerEngineErrorKind.VolumeLabelConflict);
        ex.Code.ShouldBe("CLAWKER2002");
        ex.FoundLabels.ShouldContainKeyAndValue("com.clawker.purpose", "other");
        ex.Message.ShouldContainAll("com.clawker.purpose=other", "docker volume rm clawker-globals", "Save its data", Endpoint.ToString());
    }
}
