using System.Diagnostics;
using Clawker.Bundling;
using Clawker.Diagnostics;
using Clawker.Images;
using Clawker.Publishing;
using Clawker.Tests.Images;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Docker;

/// <summary>
/// The agent image built FROM a base that exists only in the private registry, under a login
/// (build/services/registry.sh), on the run's engine (dockerd, and podman in the Docker namespace's
/// second run): BuildKit without a session, and the classic builder, cannot send credentials, so
/// Clawker pulls the base first with the docker CLI's credentials from a config.json of the test's own.
/// </summary>
public sealed class BaseImagePullEngineTests
{
    public static TheoryData<ImageBuilderKind> Builders => [ImageBuilderKind.BuildKit, ImageBuilderKind.Classic];

    [Theory, MemberData(nameof(Builders))]
    public async Task A_base_behind_a_login_is_pulled_with_config_json_credentials_then_built_on(ImageBuilderKind builder)
    {
        using var setup = await Setup.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var progress = new LineCollector();

        var result = await AgentImageBuilder.BuildAsync(setup.Engine, setup.Bundle, setup.Options(builder), progress, ct);

        using var client = TestEngine.Client();
        var built = await client.Images.InspectImageAsync(result.ImageId, ct);
        built.RootFS!.Layers![0].ShouldBe(setup.BaseLayer, "the agent image is built on the registry's base");
        built.Config!.Labels![RegistryBaseImage.VersionLabel].ShouldBe("v1");
        progress.Lines.ShouldContain(l => l.Contains($"Base image {setup.BaseImage}: pulling", StringComparison.Ordinal) && l.Contains($"with credentials from auths.{TestRegistry.Address} in {Path.Combine(setup.Config, "config.json")}", StringComparison.Ordinal), progress.Text);
        progress.Lines.ShouldContain(l => l.StartsWith($"Base image {setup.BaseImage}: pulled", StringComparison.Ordinal), progress.Text);
        progress.Text.ShouldNotContain(TestRegistry.Password);
    }

    [Fact]
    public async Task A_push_that_builds_first_pulls_the_base_with_the_push_options_environment()
    {
        using var setup = await Setup.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var progress = new LineCollector();
        // The login is only in the push's environment (DOCKER_CONFIG), never in the build options or the process's.
        var push = new ImagePushOptions
        {
            Registry = TestRegistry.Address + "/pushed-" + TestEngine.NewPurpose(),
            Environment = setup.Options(ImageBuilderKind.BuildKit).Environment,
            Build = new ImageBuildOptions { Builder = ImageBuilderKind.BuildKit },
        };

        var result = await AgentImagePusher.PushAsync(setup.Engine, setup.Bundle.TarPath, setup.Bundle.Tag, setup.Bundle.ContentHash, push, progress, ct);

        result.Built.ShouldBeTrue();
        result.Digest.ShouldStartWith("sha256:");
        progress.Lines.ShouldContain(l => l.Contains($"Base image {setup.BaseImage}: pulling", StringComparison.Ordinal) && l.Contains($"in {Path.Combine(setup.Config, "config.json")}", StringComparison.Ordinal), progress.Text);
        progress.Text.ShouldNotContain(TestRegistry.Password);
    }

    [Fact]
    public async Task Without_credentials_for_the_registry_the_engine_pulls_as_before_and_fails_coded()
    {
        using var setup = await Setup.StartAsync("{}");
        var ct = TestContext.Current.CancellationToken;
        var progress = new LineCollector();

        var error = await Should.ThrowAsync<ImageBuildException>(() => AgentImageBuilder.BuildAsync(setup.Engine, setup.Bundle, setup.Options(ImageBuilderKind.BuildKit), progress, ct))
            .OfKind(ImageBuildErrorKind.BuildFailed);

        // What the engine says without credentials: what a build without Clawker's pull would meet too.
        error.EngineMessage.ShouldMatch("no active sessions|no basic auth credentials|unauthorized|authentication required");
        progress.Lines.ShouldNotContain(l => l.StartsWith("Base image ", StringComparison.Ordinal), progress.Text);
    }

    [Fact]
    public async Task A_wrong_password_is_CLAWKER6001_naming_the_source_never_the_password()
    {
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");
        using var setup = await Setup.StartAsync(TestRegistry.AuthsJson(TestRegistry.User, wrong));
        var ct = TestContext.Current.CancellationToken;
        var progress = new LineCollector();

        var error = await Should.ThrowAsync<RegistryException>(() => AgentImageBuilder.BuildAsync(setup.Engine, setup.Bundle, setup.Options(ImageBuilderKind.BuildKit), progress, ct))
            .OfKind(RegistryErrorKind.AuthenticationFailed);

        error.Code.ShouldBe(ErrorCodes.RegistryAuthenticationFailed);
        error.Message.ShouldContain(setup.BaseImage);
        error.Message.ShouldContain($"auths.{TestRegistry.Address}");
        error.CredentialSource.ShouldNotBeNull().ShouldContain(setup.Config);
        foreach (var text in new[] { error.Message, error.ToString(), progress.Text })
        {
            text.ShouldNotContain(wrong);
        }
    }

    [Fact]
    public async Task A_base_the_registry_lacks_is_CLAWKER4005_and_an_unreachable_registry_CLAWKER6003()
    {
        using var setup = await Setup.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var work = TestAgentImage.NewWorkDirectory();

        var missing = setup.BaseImage[..setup.BaseImage.LastIndexOf(':')] + ":no-such-tag";
        var notFound = await Should.ThrowAsync<ImageBuildException>(() => AgentImageBuilder.BuildAsync(setup.Engine, Bundle(work.Path, "missing", missing), setup.Options(ImageBuilderKind.BuildKit), cancellationToken: ct))
            .OfKind(ImageBuildErrorKind.BaseImageNotFound);
        notFound.Code.ShouldBe(ErrorCodes.BaseImageNotFound);
        notFound.Message.ShouldContain(missing);

        // A port nothing listens on, with credentials filed for it.
        var closed = $"127.0.0.1:{ClosedPort()}";
        using var closedConfig = TestRegistry.DockerConfig($"{{\"auths\":{{\"{closed}\":{{\"auth\":\"{TestRegistry.Auth("u", "p")}\"}}}}}}");
        var unreachable = await Should.ThrowAsync<RegistryException>(() => AgentImageBuilder.BuildAsync(setup.Engine, Bundle(work.Path, "closed", $"{closed}/team/base:1"), Options(ImageBuilderKind.Classic, closedConfig.Path), cancellationToken: ct))
            .OfKind(RegistryErrorKind.Unreachable);
        unreachable.Message.ShouldContain(closed);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_credential_helper_that_hangs_is_CLAWKER6006_within_its_bound()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the helper stand-in is a shell script");
        using var setup = await Setup.StartAsync(TestRegistry.HelperJson("hangs"));
        var ct = TestContext.Current.CancellationToken;
        var helper = Path.Combine(setup.Config, "docker-credential-hangs");
        await File.WriteAllTextAsync(helper, "#!/bin/sh\nexec sleep 600\n", ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<RegistryException>(() => AgentImageBuilder.BuildAsync(setup.Engine, setup.Bundle, setup.Options(ImageBuilderKind.BuildKit, path: setup.Config + ":/usr/bin:/bin") with { CredentialHelperTimeout = TimeSpan.FromSeconds(2) }, cancellationToken: ct))
            .OfKind(RegistryErrorKind.HelperTimedOut);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Theory, MemberData(nameof(Builders))]
    public async Task Pull_refreshes_a_base_changed_in_the_registry_under_the_same_tag(ImageBuilderKind builder)
    {
        using var setup = await Setup.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var client = TestEngine.Client();
        var first = await AgentImageBuilder.BuildAsync(setup.Engine, setup.Bundle, setup.Options(builder), cancellationToken: ct);
        (await client.Images.InspectImageAsync(first.ImageId, ct)).Config!.Labels![RegistryBaseImage.VersionLabel].ShouldBe("v1");

        // v2 under the same tag in the registry, while the engine keeps v1 under that name.
        var v1 = (await client.Images.InspectImageAsync(setup.BaseImage, ct)).ID;
        var v2Layer = await RegistryBaseImage.PushAsync(setup.BaseImage, "v2", ct);
        await client.Images.TagImageAsync(v1, new global::Docker.DotNet.Models.ImageTagParameters { RepositoryName = setup.BaseImage[..setup.BaseImage.LastIndexOf(':')], Tag = "1" }, ct);
        using var work = TestAgentImage.NewWorkDirectory();
        var pulling = Bundle(work.Path, "pull", setup.BaseImage, new ImageBuildInputs { Pull = true });
        var progress = new LineCollector();

        var refreshed = await AgentImageBuilder.BuildAsync(setup.Engine, pulling, setup.Options(builder), progress, ct);

        var inspected = await client.Images.InspectImageAsync(refreshed.ImageId, ct);
        inspected.Config!.Labels![RegistryBaseImage.VersionLabel].ShouldBe("v2", progress.Text);
        inspected.RootFS!.Layers![0].ShouldBe(v2Layer);
        progress.Text.ShouldNotContain(TestRegistry.Password);
    }

    [Theory, MemberData(nameof(Builders))]
    public async Task A_Dockerfile_override_naming_the_base_through_an_ARG_in_a_stage_copied_from_is_pulled_too(ImageBuilderKind builder)
    {
        using var setup = await Setup.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var tar = ContextTar(setup.Folder, $"# escape=`\nARG REGISTRY=unused.example\nARG BASE=\"${{REGISTRY}}/team/none:1\"\nFROM `\n  ${{BASE}} AS b\nFROM scratch\nCOPY --from=b /base-version /v\n");
        var progress = new LineCollector();

        var result = await AgentImageBuilder.BuildAsync(setup.Engine, tar, $"clawker-{TestEngine.UniqueName("argbase")}:sha-0123456789ab", new string('f', 64), setup.Options(builder) with
        {
            // A build argument is taken as it is (not expanded again), as the engine takes it.
            Inputs = new ImageBuildInputs { BuildArgs = new Dictionary<string, string> { ["BASE"] = setup.BaseImage } },
        }, progress, ct);

        progress.Lines.ShouldContain(l => l.StartsWith($"Base image {setup.BaseImage}: pulled", StringComparison.Ordinal), progress.Text);
        using var client = TestEngine.Client();
        (await client.Images.InspectImageAsync(result.ImageId, ct)).RootFS!.Layers!.ShouldHaveSingleItem();
    }

    [Theory, MemberData(nameof(Builders))]
    public async Task Of_two_Dockerfile_entries_in_the_context_tar_the_engine_builds_the_last_and_Clawker_pulls_its_base(ImageBuilderKind builder)
    {
        using var setup = await Setup.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var tar = ContextTar(setup.Folder, ("Dockerfile", "FROM scratch\nCOPY first /first\n"), ("first", "x\n"), ("./Dockerfile", $"FROM {setup.BaseImage}\n"));
        var progress = new LineCollector();

        var result = await AgentImageBuilder.BuildAsync(setup.Engine, tar, $"clawker-{TestEngine.UniqueName("twodf")}:sha-0123456789ab", new string('e', 64), setup.Options(builder), progress, ct);

        progress.Lines.ShouldContain(l => l.StartsWith($"Base image {setup.BaseImage}: pulled", StringComparison.Ordinal), progress.Text);
        using var client = TestEngine.Client();
        (await client.Images.InspectImageAsync(result.ImageId, ct)).RootFS!.Layers!.ShouldBe([setup.BaseLayer], "the engine built the last Dockerfile entry, on the registry's base");
    }

    private static string ContextTar(string folder, string dockerfile) => ContextTar(folder, ("Dockerfile", dockerfile));

    private static string ContextTar(string folder, params (string Name, string Content)[] entries)
    {
        var path = Path.Combine(folder, "context.tar");
        using var file = File.Create(path);
        using var tar = new System.Formats.Tar.TarWriter(file, System.Formats.Tar.TarEntryFormat.Ustar);
        foreach (var (name, content) in entries)
        {
            tar.WriteEntry(new System.Formats.Tar.UstarTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) });
        }

        return path;
    }

    private static ImageBuildOptions Options(ImageBuilderKind builder, string dockerConfig, string? path = null) => new()
    {
        Builder = builder,
        Environment = ClawkerEnvironment.FromValues(
            new Dictionary<string, string> { ["DOCKER_CONFIG"] = dockerConfig, ["PATH"] = path ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" },
            homeDirectory: "/nonexistent-home"),
    };

    private static BundleResult Bundle(string folder, string name, string baseImage, ImageBuildInputs? inputs = null) => ImageBundler.Bundle(new BundleOptions
    {
        ProjectName = TestEngine.UniqueName("pull-" + name),
        OutputDirectory = Path.Combine(folder, name),
        ImageOptions = new ImageOptions { BaseImage = baseImage, Minimal = true },
        BuildInputs = inputs ?? ImageBuildInputs.None,
    }, TestContext.Current.CancellationToken);

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    // A base of the test's own in the registry (not on the engine), the agent bundle FROM it, a config.json (the registry's login unless given), a connection.
    private sealed class Setup(TempDirectory folder, TempDirectory config, string baseImage, string baseLayer, BundleResult bundle, Clawker.Docker.DockerEngine engine) : IDisposable
    {
        public string BaseImage => baseImage;

        public string Folder => folder.Path;

        public string Config => config.Path;

        public string BaseLayer => baseLayer;

        public BundleResult Bundle => bundle;

        public Clawker.Docker.DockerEngine Engine => engine;

        public static async Task<Setup> StartAsync(string? configJson = null)
        {
            var ct = TestContext.Current.CancellationToken;
            var (baseImage, layer) = await RegistryBaseImage.RequireNewAsync(ct);
            var folder = TestAgentImage.NewWorkDirectory();
            var config = TestRegistry.DockerConfig(configJson ?? TestRegistry.AuthsJson(TestRegistry.User, TestRegistry.Password));
            return new Setup(folder, config, baseImage, layer, BaseImagePullEngineTests.Bundle(folder.Path, "agent", baseImage), await TestEngine.ConnectAsync(cancellationToken: ct));
        }

        public ImageBuildOptions Options(ImageBuilderKind builder, string? path = null) => BaseImagePullEngineTests.Options(builder, Config, path);

        public void Dispose()
        {
            engine.Dispose();
            config.Dispose();
            folder.Dispose();
        }
    }
}
