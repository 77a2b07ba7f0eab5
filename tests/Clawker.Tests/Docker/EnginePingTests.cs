namespace Clawker.Tests.Docker;

/// <summary>
/// What a ping's headers say about the engine, read from headers as .NET parses them off the wire,
/// and when they do not say enough (the connect then asks /version).
/// </summary>
public sealed class EnginePingTests
{
    private static EnginePing Ping(params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return EnginePing.From(response.Headers);
    }

    private static EnginePing Ping(string server, string api = "1.41") => Ping(("Api-Version", api), ("Server", server));

    [Theory]
    [InlineData("Docker/20.10.24+dfsg1 (linux)", "20.10.24+dfsg1")]
    [InlineData("Libpod/4.3.1 (linux)", "4.3.1")]
    [InlineData("Docker/27.3.1", "27.3.1")]
    [InlineData("docker/28.0.0 (linux)", "28.0.0")]
    public void Dockerd_and_podman_are_identified_with_the_Server_version(string server, string version)
    {
        var ping = Ping(server);
        ping.Identifies.ShouldBeTrue();
        ping.ServerVersion.ShouldBe(version);
        ping.ApiVersion.ShouldBe("1.41");
    }

    [Theory]
    [InlineData("nginx/1.25.3")]
    [InlineData("Apache/2.4.57 (Debian)")]
    [InlineData("envoy/1.2 Docker/24.0.7 (linux)")]
    [InlineData("")]
    [InlineData("nginx")]
    [InlineData("Docker")]
    [InlineData("Docker/latest (linux)")]
    [InlineData("(linux)")]
    [InlineData("Docker/27.3.1-1~ubuntu.24.04~noble-extra-long-build-suffix-beyond-any-real-one-seen (linux)")]
    [InlineData("Docker/\u00001.2")]
    public void A_Server_that_is_not_dockerd_or_podman_with_a_version_does_not_identify_the_engine(string server) =>
        Ping(server).Identifies.ShouldBeFalse();

    [Theory]
    [InlineData("")]
    [InlineData("1.41abc")]
    [InlineData("-1.41")]
    [InlineData("1")]
    [InlineData("99999999999.1")]
    [InlineData("1.43, 1.30")]
    public void Without_one_well_formed_Api_Version_the_ping_does_not_identify_the_engine(string api) =>
        Ping("Docker/24.0.7 (linux)", api).Identifies.ShouldBeFalse();

    [Fact]
    public void A_repeated_Api_Version_does_not_identify_the_engine() =>
        Ping(("Api-Version", "1.43"), ("Api-Version", "1.30"), ("Server", "Docker/24.0.7")).Identifies.ShouldBeFalse();

    [Fact]
    public void Control_characters_in_the_builder_headers_are_removed() =>
        Ping(("Builder-Version", "2\u001b[31m"), ("OSType", "linux")).BuilderVersion.ShouldNotContain("\u001b");

    [Theory]
    [InlineData("Libpod/4.3.1 (linux)", "4.3.1", true)]
    [InlineData("Docker/24.0.7 (linux)", "4.3.1", true)]
    [InlineData("libpod/5.0.0 (linux)", "", true)]
    [InlineData("Docker/24.0.7 (linux)", "", false)]
    public void Podman_is_told_by_its_libpod_header_or_its_name(string server, string libpod, bool podman)
    {
        var headers = new List<(string, string)> { ("Api-Version", "1.41"), ("Server", server) };
        if (libpod.Length > 0)
        {
            headers.Add(("Libpod-Api-Version", libpod));
        }

        Ping([.. headers]).IsPodman.ShouldBe(podman);
    }
}
