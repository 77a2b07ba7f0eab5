using System.Net;
using Clawker.Publishing;

namespace Clawker.Tests.Publishing;

/// <summary>
/// The push skip reads the tag's manifest from the registry (for the image config it names): a
/// hostile registry's manifest can only make Clawker push, in bounded time, never skip wrongly.
/// </summary>
public sealed class RegistryApiManifestTests
{
    private const string Digest = "sha256:3451204aa971eac469da9f7c1573eeeb9cb2c658132aac96a28c4121e6566237";
    private const string Config = "sha256:871c835c804f5b9c737fef1e1d566975fcd04795c41120b443b5525bf612f860";

    public static TheoryData<string, string, string?> Manifests => new()
    {
        { "a v2 manifest", $$"""{"schemaVersion":2,"config":{"digest":"{{Config}}"},"layers":[]}""", Config },
        { "an index (no config)", """{"schemaVersion":2,"manifests":[]}""", null },
        { "a config digest of the wrong type", """{"config":{"digest":12}}""", null },
        { "a config digest that is no digest", """{"config":{"digest":"sha256:XYZ"}}""", null },
        { "invalid JSON", "{\"config\":", null },
        { "10,000 levels of nesting", new string('[', 10_000) + new string(']', 10_000), null },
        { "a body over 64 KiB", $$"""{"config":{"digest":"{{Config}}"},"pad":"{{new string(' ', 100_000)}}"}""", null },
        { "an array", "[1,2]", null },
    };

    [Theory]
    [MemberData(nameof(Manifests))]
    public async Task Only_a_manifest_naming_a_config_digest_gives_one(string what, string body, string? config)
    {
        _ = what;
        await using var registry = new RawHttp(IPAddress.Loopback, _ => Answer(body, body.Length));

        var found = await AskAsync(registry, TimeSpan.FromSeconds(20));

        found.ShouldBe((Digest, config));
    }

    [Fact]
    public async Task A_manifest_body_that_stalls_gives_no_config_within_the_timeout()
    {
        const string Body = "{\"config\":";
        await using var registry = new RawHttp(IPAddress.Loopback, _ => Answer(Body, 10_000), hold: true);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var found = await AskAsync(registry, TimeSpan.FromSeconds(1));

        found.ShouldBe((Digest, (string?)null));
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    private static string Answer(string body, int contentLength) =>
        $"HTTP/1.1 200 OK\r\nDocker-Content-Digest: {Digest}\r\nContent-Type: application/vnd.docker.distribution.manifest.v2+json\r\nContent-Length: {contentLength}\r\nConnection: close\r\n\r\n{body}";

    private static async Task<(string, string?)?> AskAsync(RawHttp registry, TimeSpan timeout)
    {
        var name = RegistryName.Parse($"127.0.0.1:{registry.Port}");
        using var api = new RegistryApi(name, new RegistryLogin(name.CredentialKey, "a test", null, null, null), timeout);
        return await api.ManifestWithConfigAsync("clawker-demo", "sha-0123", TestContext.Current.CancellationToken);
    }
}
