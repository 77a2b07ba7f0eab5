using System.Net;
using Clawker.Publishing;

namespace Clawker.Tests.Publishing;

/// <summary>
/// A 401 may name any token realm: the registry password must go only to the registry's own host
/// or domain. Hostile fakes on loopback (127.0.0.1 the registry, 127.0.0.2 "another host").
/// </summary>
public sealed class RegistryApiRealmTests
{
    private const string Password = "hunter2-realm-secret";

    [Fact]
    public async Task A_realm_on_another_host_gets_no_credentials_and_the_error_is_coded_without_them()
    {
        await using var realm = new RawHttp(IPAddress.Parse("127.0.0.2"), _ => "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{\"token\":\"abc\"}");
        await using var registry = new RawHttp(IPAddress.Loopback, _ =>
            $"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"http://127.0.0.2:{realm.Port}/token\",service=\"x\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var name = RegistryName.Parse($"127.0.0.1:{registry.Port}/team");
        using var api = new RegistryApi(name, new RegistryLogin(name.CredentialKey, "a test", "user", Password, null), TimeSpan.FromSeconds(20));

        var error = await Should.ThrowAsync<RegistryException>(() => api.ManifestDigestAsync("team/clawker-demo", "sha-0123", TestContext.Current.CancellationToken));

        error.OfKind(RegistryErrorKind.PushFailed);
        error.Message.ShouldContain("127.0.0.2");
        error.Message.ShouldNotContain(Password);
        realm.Requests.ShouldBeEmpty();
        registry.Requests.ShouldAllBe(r => !r.Contains("Authorization", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("auth.docker.io", "registry-1.docker.io", true)]
    [InlineData("ghcr.io", "ghcr.io", true)]
    [InlineData("REG.example.com", "reg.example.com", true)]
    [InlineData("evil.io", "ghcr.io", false)]
    [InlineData("auth.evil.com", "registry.example.com", false)]
    [InlineData("127.0.0.2", "127.0.0.1", false)]
    [InlineData("gitlab.com", "registry.gitlab.com", true)]
    [InlineData("registry.example.com", "example.com", false)]
    [InlineData("evil.com", "registry.gitlab.com", false)]
    public void Credentials_go_to_the_registrys_host_or_domain_only(string realm, string registry, bool same) =>
        RegistryApi.SameSite(realm, registry).ShouldBe(same);
}
