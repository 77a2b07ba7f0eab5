using System.Net;
using Clawker.Images;
using Clawker.Publishing;

namespace Clawker.Tests.Images;

/// <summary>What the engine says when a base image's pull fails (dockerd's and podman's texts, seen on these machines), coded; the login's secrets never pass.</summary>
public sealed class PullFailuresTests
{
    private const string Secret = "pw-0123456789-known";
    private static readonly BaseImageReference Image = BaseImageReference.Parse("127.0.0.1:5000/team/base:1")!;
    private static readonly RegistryLogin Login = new("127.0.0.1:5000", "auths.127.0.0.1:5000 in /x/config.json", "ci", Secret, null);

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "unauthorized: authentication required", "CLAWKER6001")]
    [InlineData(HttpStatusCode.InternalServerError, "Head \"http://127.0.0.1:5000/v2/team/base/manifests/1\": no basic auth credentials", "CLAWKER6001")]
    [InlineData(HttpStatusCode.OK, "initializing source docker://127.0.0.1:5000/team/base:1: reading manifest 1 in 127.0.0.1:5000/team/base: unauthorized: authentication required", "CLAWKER6001")]
    [InlineData(HttpStatusCode.NotFound, "manifest for 127.0.0.1:5000/team/base:2 not found: manifest unknown: manifest unknown", "CLAWKER4005")]
    [InlineData(HttpStatusCode.OK, "reading manifest 2 in 127.0.0.1:5000/team/base: manifest unknown: manifest unknown", "CLAWKER4005")]
    [InlineData(HttpStatusCode.OK, "pull access denied for x, repository does not exist or may require 'docker login'", "CLAWKER4005")]
    [InlineData(HttpStatusCode.InternalServerError, "Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused", "CLAWKER6003")]
    [InlineData(HttpStatusCode.OK, "Get \"https://reg.test/v2/\": x509: certificate signed by unknown authority", "CLAWKER6003")]
    [InlineData(HttpStatusCode.OK, "write /var/lib/docker/tmp/x: no space left on device", "CLAWKER4006")]
    public void Engine_texts_get_their_codes(HttpStatusCode status, string text, string code)
    {
        var error = PullFailures.FromEngine(Image, platform: null, Login, status, text, "unix:///x.sock");

        error.Code.ShouldBe(code);
        error.Message.ShouldContain(Image.Reference);
    }

    [Fact]
    public void A_platform_refusal_is_CLAWKER4004_only_when_a_platform_was_asked_for()
    {
        PullFailures.FromEngine(Image, "windows/amd64", Login, HttpStatusCode.OK, "operating system is not supported", "e").Code.ShouldBe("CLAWKER4004");
        PullFailures.FromEngine(Image, "linux/arm64", Login, HttpStatusCode.NotFound, "no matching manifest for linux/arm64 in the manifest list entries", "e").Code.ShouldBe("CLAWKER4004");
        PullFailures.FromEngine(Image, null, Login, HttpStatusCode.OK, "operating system is not supported", "e").Code.ShouldBe("CLAWKER4006");
    }

    [Fact]
    public void An_engine_text_quoting_the_login_encoded_is_scrubbed_too()
    {
        const string Quoted = "pw\"with\\quotes-0123";
        var login = new RegistryLogin("127.0.0.1:5000", "auths.127.0.0.1:5000 in /x/config.json", "ci", Quoted, null);
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ci:" + Quoted));
        var json = "pw\\\"with\\\\quotes-0123";

        var error = PullFailures.FromEngine(Image, null, login, HttpStatusCode.OK, $"unauthorized: Authorization: Basic {basic}; body {{\"password\":\"{json}\"}}", "e");

        error.Message.ShouldNotContain(basic);
        error.Message.ShouldNotContain(json);
        error.Message.ShouldNotContain(Quoted);
    }

    [Theory]
    [InlineData("unauthorized: bad password " + Secret)]
    [InlineData("manifest unknown for " + Secret)]
    [InlineData("dial tcp: " + Secret)]
    [InlineData("something else " + Secret)]
    public void An_engine_text_echoing_the_password_is_scrubbed_from_every_kind(string text)
    {
        var error = PullFailures.FromEngine(Image, null, Login, HttpStatusCode.OK, text, "e");

        error.Message.ShouldNotContain(Secret);
        error.ToString().ShouldNotContain(Secret);
        ((error as ImageBuildException)?.EngineMessage ?? string.Empty).ShouldNotContain(Secret);
        error.Message.ShouldContain("[secret]");
    }
}
