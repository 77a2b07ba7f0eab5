using Clawker.Publishing;

namespace Clawker.Tests.Publishing;

/// <summary>
/// Registries that refuse the push for real (registry.sh start tls / readonly), against whichever
/// engine DOCKER_HOST names (dockerd, and podman in CI's second run): the coded error names the
/// registry, quotes the engine's reason and never the password.
/// </summary>
public sealed class RegistryRefusalTests
{
    [Fact]
    public async Task A_certificate_the_engine_does_not_trust_is_CLAWKER6003_quoting_the_engine_without_the_password()
    {
        var registry = TestRegistry.RequireKind("tls");
        var (failure, progress) = await PushRefusedAsync("push-tls", registry);

        failure.OfKind(RegistryErrorKind.Unreachable);
        failure.Message.ShouldContain(registry.Address);
        failure.Message.ShouldContain("x509: certificate signed by unknown authority");
        // This process cannot even resolve the name: its digest check says so, and the push reports the engine's failure.
        progress.ShouldContain("so pushing");
    }

    [Fact]
    public async Task A_read_only_registry_is_CLAWKER6010_not_an_access_or_credentials_error()
    {
        var registry = TestRegistry.RequireKind("readonly");
        var (failure, _) = await PushRefusedAsync("push-ro", registry);

        failure.OfKind(RegistryErrorKind.ReadOnly);
        failure.Code.ShouldBe("CLAWKER6010");
        failure.Message.ShouldContain(registry.Address);
        failure.Message.ShouldContain("405");
        failure.Message.ShouldContain("read-only");
    }

    private static async Task<(RegistryException Failure, string Progress)> PushRefusedAsync(string prefix, (string Address, string User, string Password) registry)
    {
        using var push = await PushFixture.CreateAsync(prefix);
        using var config = TestRegistry.DockerConfig(TestRegistry.AuthsJson(registry.User, registry.Password, server: registry.Address));
        var progress = new LineCollector();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Should.ThrowAsync<RegistryException>(() => push.PushAsync(
            PushFixture.Options(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path }, registry: registry.Address), progress));

        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
        failure.Registry.ShouldBe(registry.Address);
        failure.ToString().ShouldNotContain(registry.Password);
        progress.Text.ShouldNotContain(registry.Password);
        return (failure, progress.Text);
    }
}
