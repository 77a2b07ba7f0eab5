using Clawker.Publishing;
using Docker.DotNet.Models;

namespace Clawker.Tests.Publishing;

/// <summary>Pushing the agent image to the real private registry through the real private dockerd, with each source of credentials.</summary>
public sealed class AgentImagePusherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_with_auths_lands_both_tags_with_the_reported_digest_a_second_engine_pulls_it_and_a_re_release_pushes_nothing()
    {
        using var push = await PushFixture.CreateAsync("push-auths");
        using var config = TestRegistry.DockerConfig(TestRegistry.AuthsJson(TestRegistry.User, TestRegistry.Password));
        var options = PushFixture.Options(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path });
        var progress = new LineCollector();

        var result = await push.PushAsync(options, progress);

        result.Skipped.ShouldBeFalse();
        result.Built.ShouldBeTrue();
        result.Repository.ShouldBe($"{TestRegistry.Address}/{push.RepositoryPath}");
        result.Tag.ShouldBe($"{result.Repository}:{push.Sha}");
        result.DigestReference.ShouldBe($"{result.Repository}@{result.Digest}");
        result.CredentialSource.ShouldBe($"auths.{TestRegistry.Address} in {config.Combine("config.json")}");
        progress.Text.ShouldContain("credentials from auths.");
        (await TestRegistry.TagsAsync(push.RepositoryPath, Ct)).ShouldBe([push.Sha, "latest"], ignoreOrder: true);
        (await TestRegistry.DigestAsync(push.RepositoryPath, push.Sha, Ct)).ShouldBe(result.Digest);
        (await TestRegistry.DigestAsync(push.RepositoryPath, "latest", Ct)).ShouldBe(result.Digest);
        // dockerd pushes both tags in one request (as docker push --all-tags); podman one by one.
        progress.Lines.Count(l => l.Contains("The push refers to repository", StringComparison.Ordinal)).ShouldBe(push.Engine.IsPodman ? 2 : 1);

        var again = await push.PushAsync(options, progress);
        again.Skipped.ShouldBeTrue();
        again.Built.ShouldBeFalse();
        again.Digest.ShouldBe(result.Digest);
        progress.Text.ShouldContain("push skipped");

        var forced = await push.PushAsync(options with { Force = true });
        forced.Skipped.ShouldBeFalse();
        forced.Digest.ShouldBe(result.Digest);

        await PullIntoSecondEngineAsync(result, config.Path);
    }

    [Fact]
    public async Task An_earlier_releases_local_tag_of_the_repository_is_not_pushed_with_this_release()
    {
        using var push = await PushFixture.CreateAsync("push-stale");
        using var config = TestRegistry.DockerConfig(TestRegistry.AuthsJson(TestRegistry.User, TestRegistry.Password));
        const string Stale = "sha-000000000000";
        await push.Engine.Client.Images.TagImageAsync(
            await OfflineBaseImage.EnsureAsync(Ct), new ImageTagParameters { RepositoryName = $"{TestRegistry.Address}/{push.RepositoryPath}", Tag = Stale }, Ct);

        var result = await push.PushAsync(PushFixture.Options(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path }));

        (await TestRegistry.TagsAsync(push.RepositoryPath, Ct)).ShouldBe([push.Sha, "latest"], ignoreOrder: true);
        (await TestRegistry.DigestAsync(push.RepositoryPath, "latest", Ct)).ShouldBe(result.Digest);
    }

    [Fact]
    public async Task Push_with_the_password_variable_names_the_variable_never_the_password()
    {
        using var push = await PushFixture.CreateAsync("push-var");
        var options = PushFixture.Options(new Dictionary<string, string> { ["CLAWKER_TEST_REGISTRY_PW"] = TestRegistry.Password }) with
        {
            RegistryUsername = TestRegistry.User,
            RegistryPasswordVariable = "CLAWKER_TEST_REGISTRY_PW",
        };
        var progress = new LineCollector();

        var result = await push.PushAsync(options, progress);

        result.CredentialSource.ShouldContain("CLAWKER_TEST_REGISTRY_PW");
        (await TestRegistry.DigestAsync(push.RepositoryPath, push.Sha, Ct)).ShouldBe(result.Digest);
        progress.Text.ShouldNotContain(TestRegistry.Password);
        result.ToString().ShouldNotContain(TestRegistry.Password);
    }

    [Fact]
    public async Task Push_with_credHelpers_runs_the_secretservice_helper_against_the_private_keyring()
    {
        var helper = CredentialHelperLogin.Require();
        using var push = await PushFixture.CreateAsync("push-helper");
        await CredentialHelperLogin.StoreAsync(helper, TestRegistry.Address!, TestRegistry.User, TestRegistry.Password);
        using var config = TestRegistry.DockerConfig(TestRegistry.AuthsJson("wrong", "wrong", credHelper: "secretservice"));

        var result = await push.PushAsync(PushFixture.Options(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path }));

        // credHelpers wins over auths (whose login is wrong).
        result.CredentialSource.ShouldStartWith($"credHelpers.{TestRegistry.Address} (docker-credential-secretservice)");
        (await TestRegistry.DigestAsync(push.RepositoryPath, push.Sha, Ct)).ShouldBe(result.Digest);
    }

    [Fact]
    public async Task Wrong_password_is_CLAWKER6001_naming_the_registry_and_the_source_not_the_password()
    {
        using var push = await PushFixture.CreateAsync("push-wrong");
        const string WrongPassword = "not-the-password-6001x";
        using var config = TestRegistry.DockerConfig(TestRegistry.AuthsJson(TestRegistry.User, WrongPassword));

        var failure = await Should.ThrowAsync<RegistryException>(() => push.PushAsync(PushFixture.Options(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path })));

        failure.OfKind(RegistryErrorKind.AuthenticationFailed);
        failure.Code.ShouldBe("CLAWKER6001");
        failure.Message.ShouldContain(TestRegistry.Address!);
        failure.Message.ShouldContain($"auths.{TestRegistry.Address}");
        failure.Message.ShouldNotContain(WrongPassword);
        failure.ToString().ShouldNotContain(WrongPassword);
    }

    [Fact]
    public async Task Missing_helper_is_CLAWKER6004_and_an_unset_password_variable_CLAWKER6007()
    {
        using var push = await PushFixture.CreateAsync("push-nohelper");
        using var config = TestRegistry.DockerConfig(TestRegistry.HelperJson("clawker-no-such-helper"));

        var missing = await Should.ThrowAsync<RegistryException>(() => push.PushAsync(PushFixture.Options(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path })));
        missing.OfKind(RegistryErrorKind.HelperMissing);
        missing.Message.ShouldContain("docker-credential-clawker-no-such-helper");

        var unset = await Should.ThrowAsync<RegistryException>(() => push.PushAsync(PushFixture.Options(new Dictionary<string, string>()) with
        {
            RegistryUsername = "ci",
            RegistryPasswordVariable = "CLAWKER_TEST_UNSET_PW",
        }));
        unset.OfKind(RegistryErrorKind.CredentialsUnavailable);
        unset.Message.ShouldContain("CLAWKER_TEST_UNSET_PW");
    }

    [Fact]
    public async Task Slow_and_failing_helpers_are_CLAWKER6006_and_6005_in_bounded_time_without_their_output()
    {
        using var push = await PushFixture.CreateAsync("push-slow");
        using var bin = new TempDirectory("clawker-helpers-");
        const string Leak = "helper-secret-output-6005";
        WriteScript(bin.Combine("docker-credential-slow"), "sleep 30");
        WriteScript(bin.Combine("docker-credential-broken"), $"echo '{Leak}'; echo '{Leak}' >&2; exit 3");
        var path = $"{bin.Path}:{Environment.GetEnvironmentVariable("PATH")}";

        using var slowConfig = TestRegistry.DockerConfig("""{"credsStore":"slow"}""");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var slow = await Should.ThrowAsync<RegistryException>(() => push.PushAsync(
            PushFixture.Options(new Dictionary<string, string> { ["DOCKER_CONFIG"] = slowConfig.Path, ["PATH"] = path }) with { CredentialHelperTimeout = TimeSpan.FromMilliseconds(500) }));
        slow.OfKind(RegistryErrorKind.HelperTimedOut);
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));

        using var brokenConfig = TestRegistry.DockerConfig("""{"credsStore":"broken"}""");
        var broken = await Should.ThrowAsync<RegistryException>(() => push.PushAsync(
            PushFixture.Options(new Dictionary<string, string> { ["DOCKER_CONFIG"] = brokenConfig.Path, ["PATH"] = path })));
        broken.OfKind(RegistryErrorKind.HelperFailed);
        broken.Message.ShouldContain("exited with code 3");
        broken.ToString().ShouldNotContain(Leak);
    }

    [Fact]
    public async Task Unreachable_registry_is_CLAWKER6003()
    {
        using var push = await PushFixture.CreateAsync("push-unreach");
        // A port nothing listens on: bound, then released.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var failure = await Should.ThrowAsync<RegistryException>(() => push.PushAsync(PushFixture.Options(new Dictionary<string, string>(), registry: $"127.0.0.1:{port}")));

        failure.OfKind(RegistryErrorKind.Unreachable);
        failure.Message.ShouldContain($"127.0.0.1:{port}");
    }

    private static async Task PullIntoSecondEngineAsync(ImagePushResult result, string dockerConfig)
    {
        TestRegistry.RequirePullEngine();
        var environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = dockerConfig };
        var pulled = await ProcessRunner.RunAsync("/usr/bin/docker", ["-H", TestRegistry.PullHost!, "pull", result.DigestReference], Path.GetTempPath(), environment);
        pulled.ShouldSucceed();
        var inspected = await ProcessRunner.RunAsync("/usr/bin/docker", ["-H", TestRegistry.PullHost!, "image", "inspect", "--format", "{{index .Config.Labels \"com.clawker.managed\"}}", result.DigestReference], Path.GetTempPath(), environment);
        inspected.ShouldSucceed().Output.Trim().ShouldBe("true");
    }

    private static void WriteScript(string path, string body)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper stand-ins are shell scripts");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
