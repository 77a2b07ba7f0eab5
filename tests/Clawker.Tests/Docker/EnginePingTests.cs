namespace Clawker.Tests.Docker;

/// <summary>What a ping's headers say about the engine, and when they do not say enough (the connect then asks /version).</summary>
public sealed class EnginePingTests
{
    private static EnginePing Ping(string api = "1.41", string server = "", string libpod = "") => EnginePing.None with { ApiVersion = api, Server = server, LibpodApiVersion = libpod };

    [Theory]
    [InlineData("Docker/20.10.24+dfsg1 (linux)", "20.10.24+dfsg1")]
    [InlineData("Libpod/4.3.1 (linux)", "4.3.1")]
    [InlineData("Docker/27.3.1", "27.3.1")]
    public void The_engine_version_is_the_Server_product_version(string server, string version)
    {
        var ping = Ping(server: server);
        ping.EngineVersion.ShouldBe(version);
        ping.Identifies.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("nginx")]
    [InlineData("/1.2")]
    [InlineData("Docker/")]
    [InlineData("Docker/ (linux)")]
    [InlineData("Docker/latest (linux)")]
    public void A_Server_without_a_product_version_does_not_identify_the_engine(string server)
    {
        var ping = Ping(server: server);
        ping.EngineVersion.ShouldBeNull();
        ping.Identifies.ShouldBeFalse();
    }

    [Fact]
    public void Without_Api_Version_the_ping_does_not_identify_the_engine() =>
        Ping(api: "", server: "Docker/24.0.7 (linux)").Identifies.ShouldBeFalse();

    [Theory]
    [InlineData("Libpod/4.3.1 (linux)", "4.3.1", true)]
    [InlineData("Docker/24.0.7 (linux)", "4.3.1", true)]
    [InlineData("libpod/5.0.0 (linux)", "", true)]
    [InlineData("Docker/24.0.7 (linux)", "", false)]
    public void Podman_is_told_by_its_libpod_header_or_its_name(string server, string libpod, bool podman) =>
        Ping(server: server, libpod: libpod).IsPodman.ShouldBe(podman);
}
