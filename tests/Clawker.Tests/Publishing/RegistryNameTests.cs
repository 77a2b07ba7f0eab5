using Clawker.Diagnostics;
using Clawker.Publishing;
using Docker.DotNet.Models;

namespace Clawker.Tests.Publishing;

/// <summary>The registry setting, the CLI's server keys, the push stream and the error classes, without services.</summary>
public sealed class RegistryNameTests
{
    [Theory]
    [InlineData("registry.example.com/team", "registry.example.com", "registry.example.com/team", "registry.example.com")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000", "127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("localhost:5000/a/b", "localhost:5000", "localhost:5000/a/b", "localhost:5000")]
    [InlineData("[::1]:5000", "[::1]:5000", "[::1]:5000", "[::1]:5000")]
    [InlineData("myteam", "docker.io", "docker.io/myteam", RegistryName.DockerHubKey)]
    [InlineData("docker.io/myteam", "docker.io", "docker.io/myteam", RegistryName.DockerHubKey)]
    [InlineData("index.docker.io/myteam", "docker.io", "docker.io/myteam", RegistryName.DockerHubKey)]
    public void Registry_names_are_read_as_the_docker_CLI_reads_an_image_domain(string text, string server, string prefix, string key)
    {
        var name = RegistryName.Parse(text);

        name.Server.ShouldBe(server);
        name.Prefix.ShouldBe(prefix);
        name.CredentialKey.ShouldBe(key);
    }

    [Theory]
    [InlineData("https://registry.example.com")]
    [InlineData("registry.example.com/Team")]
    [InlineData("registry.example.com/team/")]
    [InlineData("reg istry.example.com")]
    [InlineData("registry.example.com:port")]
    [InlineData("docker.io")]
    [InlineData("registry.example.com/a\nb")]
    [InlineData("localhost:0")]
    [InlineData("127.0.0.1:99999/team")]
    [InlineData("[:::]:5000")]
    [InlineData("[1.2.3]:5000")]
    public void Malformed_registries_are_CLAWKER5002_naming_the_setting(string text)
    {
        var failure = Should.Throw<ClawkerSettingException>(() => RegistryName.Parse(text));

        failure.Key.ShouldBe(SettingKeys.Registry);
        failure.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void A_huge_registry_value_is_refused_quickly_without_being_quoted_whole()
    {
        var huge = new string('a', 1_000_000) + ".example.com";

        var failure = Should.Throw<ClawkerSettingException>(() => RegistryName.Parse(huge));

        failure.Message.Length.ShouldBeLessThan(1000);
    }

    [Fact]
    public void No_registry_is_CLAWKER6008() =>
        Should.Throw<RegistryException>(() => RegistryName.Parse("  ")).OfKind(RegistryErrorKind.RegistryNotConfigured).Code.ShouldBe("CLAWKER6008");

    // Plain HTTP is tried for this machine; podman's push is told tlsVerify=false only for dockerd's
    // default insecure range, 127.0.0.0/8 (and localhost, which resolves into it): not ::1.
    [Theory]
    [InlineData("127.0.0.1:5000", true, true)]
    [InlineData("127.255.0.9", true, true)]
    [InlineData("localhost:5000/team", true, true)]
    [InlineData("[::1]:5000", true, false)]
    [InlineData("[::ffff:127.0.0.1]:5000", true, false)]
    [InlineData("128.0.0.1:5000", false, false)]
    [InlineData("127.example.com", false, false)]
    [InlineData("registry.example.com", false, false)]
    [InlineData("10.0.0.1:5000", false, false)]
    public void Only_this_machine_is_loopback_and_only_127_0_0_0_8_insecure_by_default(string text, bool loopback, bool insecure)
    {
        var name = RegistryName.Parse(text);
        name.IsLoopback.ShouldBe(loopback);
        name.IsInsecureByDefault.ShouldBe(insecure);
    }

    [Theory]
    [InlineData("sha256:" + Hex, "sha256:" + Hex, true)]
    [InlineData("sha256:" + Hex, Hex, true)]
    [InlineData("sha256:" + Hex, "sha256:" + "0" + Hex62 + "0", false)]
    [InlineData("sha256:" + Hex, "871c835c804f", false)]
    [InlineData(null, "sha256:" + Hex, false)]
    [InlineData("sha256:" + Hex + "\n", "sha256:" + Hex, false)]
    public void The_registry_has_the_image_only_when_its_manifest_names_the_full_image_ID(string? config, string imageId, bool same) =>
        AgentImagePusher.IsImage(config, imageId).ShouldBe(same);

    private const string Hex = "871c835c804f5b9c737fef1e1d566975fcd04795c41120b443b5525bf612f860";
    private const string Hex62 = "71c835c804f5b9c737fef1e1d566975fcd04795c41120b443b5525bf612f86";

    [Theory]
    [InlineData("https://host:5000/v1/", "host:5000")]
    [InlineData("http://host:5000", "host:5000")]
    [InlineData("host:5000", "host:5000")]
    [InlineData("host/path", "host")]
    public void Auth_keys_written_as_URLs_match_by_their_host(string key, string host) => RegistryCredentials.HostOf(key).ShouldBe(host);

    [Fact]
    public void The_push_stream_gives_dockerds_aux_digest_podmans_status_digest_and_the_first_error()
    {
        var digest = "sha256:" + new string('a', 64);
        var docker = new PushOutput(null, "sha-abc");
        docker.Report(new JSONMessage { Aux = new ObjectExtensionData { ExtensionData = new Dictionary<string, object> { ["Digest"] = digest } } });
        docker.Digest.ShouldBe(digest);

        var podman = new PushOutput(null, "sha-abc");
        podman.Report(new JSONMessage { Status = $"sha-abc: digest: {digest} size: 1234" });
        podman.Digest.ShouldBe(digest);

        var failed = new PushOutput(null, "sha-abc");
        failed.Report(new JSONMessage { Error = new JSONError { Message = "unauthorized: authentication required" } });
        failed.Report(new JSONMessage { Error = new JSONError { Message = "later" } });
        failed.Error.ShouldBe("unauthorized: authentication required");

        var bogus = new PushOutput(null, "sha-abc");
        bogus.Report(new JSONMessage { Status = "x: digest: sha256:nothex size: 1" });
        bogus.Digest.ShouldBeNull();
    }

    [Fact]
    public void One_push_of_several_tags_gives_the_digest_of_the_asked_tag_only()
    {
        var ours = "sha256:" + new string('a', 64);
        var other = "sha256:" + new string('b', 64);
        var docker = new PushOutput(null, "sha-abc");
        foreach (var (tag, digest) in new[] { ("latest", other), ("sha-abc", ours), ("sha-old", other) })
        {
            docker.Report(new JSONMessage { Status = $"{tag}: digest: {digest} size: 1" });
            docker.Report(new JSONMessage { Aux = new ObjectExtensionData { ExtensionData = new Dictionary<string, object> { ["Tag"] = tag, ["Digest"] = digest } } });
        }

        docker.Digest.ShouldBe(ours);

        var podman = new PushOutput(null, "sha-abc");
        podman.Report(new JSONMessage { Status = $"latest: digest: {other} size: 1" });
        podman.Report(new JSONMessage { Status = $"x-sha-abc: digest: {other} size: 1" });
        podman.Digest.ShouldBeNull();
    }

    [Theory]
    [InlineData("unauthorized: authentication required", RegistryErrorKind.AuthenticationFailed)]
    [InlineData("no basic auth credentials", RegistryErrorKind.AuthenticationFailed)]
    [InlineData("denied: requested access to the resource is denied", RegistryErrorKind.AccessDenied)]
    [InlineData("Get \"https://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused", RegistryErrorKind.Unreachable)]
    [InlineData("x509: certificate signed by unknown authority", RegistryErrorKind.Unreachable)]
    [InlineData("blob upload unknown", RegistryErrorKind.PushFailed)]
    [InlineData("error parsing HTTP 405 response body: invalid character 'M' looking for beginning of value: \"Method not allowed\n\"", RegistryErrorKind.ReadOnly)]
    [InlineData("writing blob: initiating layer upload to /v2/x/blobs/uploads/ in h:1: StatusCode: 405, Method not allowed", RegistryErrorKind.ReadOnly)]
    public void Engine_push_errors_are_classified_and_scrubbed(string text, RegistryErrorKind kind)
    {
        const string Secret = "s3cret-value-in-text";
        var login = new RegistryLogin("h:1", "auths.h:1 in config.json", "u", Secret, null);

        var failure = PushFailures.FromEngine("h:1", login, "h:1/clawker-x", $"{text} {Secret}", "unix:///x.sock");

        failure.OfKind(kind);
        failure.Message.ShouldNotContain(Secret);
    }

    [Theory]
    [InlineData("u", null, "RegistryPasswordVariable")]
    [InlineData(null, "PW", "RegistryUsername")]
    [InlineData("u", "not a name", "RegistryPasswordVariable")]
    [InlineData("u", "hunter2-password!", "RegistryPasswordVariable")]
    public void User_and_password_variable_come_together_and_the_variable_is_a_name_never_quoted(string? user, string? variable, string key)
    {
        var failure = Should.Throw<ClawkerSettingException>(() => PushSettings.Check(new ImagePushOptions { RegistryUsername = user, RegistryPasswordVariable = variable }));

        failure.Key.ShouldBe(key);
        if (variable is not null)
        {
            failure.Message.ShouldNotContain(variable);
        }
    }

    [Fact]
    public void A_login_names_its_source_never_its_secret() =>
        new RegistryLogin("h", "auths.h in f", "u", "pw-known-1234", null).ToString().ShouldNotContain("pw-known-1234");
}
