using System.Formats.Tar;
using System.Text;
using Clawker.Diagnostics;
using Clawker.Images;
using Clawker.Tests.Images;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Docker;

/// <summary>
/// BuildKit and the classic builder through the Engine API on the real engine of the run: dockerd
/// (BuildKit's status stream) and, in the Docker namespace's second run, podman (which answers
/// <c>version=2</c> with its classic stream). Contexts are crafted tars on the local offline base.
/// </summary>
public sealed class BuilderEngineTests
{
    private static bool IsPodman => TestEngine.Host?.Contains(Environment.GetEnvironmentVariable("CLAWKER_PODMAN_DIR") ?? "\0", StringComparison.Ordinal) == true;

    [Fact]
    public async Task BuildKit_build_shows_one_line_per_step_start_and_end_applies_labels_without_a_step_and_reports_the_id()
    {
        var ct = TestContext.Current.CancellationToken;
        using var work = await BuildSetup.StartAsync(ct);
        var bundle = await TestAgentImage.BundleAsync(TestEngine.UniqueName("bk"), work.Path);
        var engine = work.Engine;
        var progress = new LineCollector();

        var result = await AgentImageBuilder.BuildAsync(engine, bundle, new ImageBuildOptions { Builder = ImageBuilderKind.BuildKit }, progress, ct);

        using var client = TestEngine.Client();
        var inspected = await client.Images.InspectImageAsync(bundle.Tag, ct);
        inspected.ID.ShouldBe(result.ImageId);
        inspected.Config.ShouldNotBeNull().Labels.ShouldNotBeNull()[AgentImageLabels.ContentHash].ShouldBe(bundle.ContentHash);
        if (IsPodman)
        {
            progress.Lines.ShouldContain(l => l.StartsWith("STEP 1/", StringComparison.Ordinal), progress.Text);
            progress.Lines.ShouldContain(l => l.Contains("not BuildKit", StringComparison.Ordinal), progress.Text);
            return;
        }

        progress.Lines.ShouldContain(l => l.Contains("with BuildKit", StringComparison.Ordinal));
        progress.Lines.ShouldNotContain(l => l.StartsWith("Step ", StringComparison.Ordinal), progress.Text);
        // A step's start line, then its end line with its time.
        var from = progress.Lines.ToList().FindIndex(l => l.StartsWith("[1/", StringComparison.Ordinal) && l.Contains(" FROM ", StringComparison.Ordinal));
        from.ShouldBeGreaterThanOrEqualTo(0, progress.Text);
        progress.Lines.ShouldContain(l => l.StartsWith("[2/", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(l, @" (\d+\.\d+s|CACHED)$"), progress.Text);
        // The labels parameter, not LABEL steps: no history entry names a label.
        var history = await client.Images.GetImageHistoryAsync(bundle.Tag, ct);
        history.ShouldNotContain(h => h.CreatedBy.Contains("LABEL", StringComparison.Ordinal));

        // Built again with the cache: the steps say CACHED.
        var again = new LineCollector();
        await AgentImageBuilder.BuildAsync(engine, bundle, new ImageBuildOptions { Builder = ImageBuilderKind.BuildKit, Force = true }, again, ct);
        again.Lines.ShouldContain(l => l.StartsWith("[2/", StringComparison.Ordinal) && l.EndsWith(" CACHED", StringComparison.Ordinal), again.Text);
    }

    [Fact]
    public async Task Auto_picks_BuildKit_on_this_Linux_engine_and_classic_when_forced()
    {
        var ct = TestContext.Current.CancellationToken;
        using var work = await BuildSetup.StartAsync(ct);
        var engine = work.Engine;
        var auto = new LineCollector();
        var classic = new LineCollector();

        await AgentImageBuilder.BuildAsync(engine, await TestAgentImage.BundleAsync(TestEngine.UniqueName("auto"), work.Path), progress: auto, cancellationToken: ct);
        await AgentImageBuilder.BuildAsync(engine, await TestAgentImage.BundleAsync(TestEngine.UniqueName("classic"), work.Path), new ImageBuildOptions { Builder = ImageBuilderKind.Classic }, classic, ct);

        auto.Lines.ShouldContain(l => l.Contains("with BuildKit", StringComparison.Ordinal), auto.Text);
        classic.Lines.ShouldContain(l => l.Contains("with the classic builder", StringComparison.Ordinal), classic.Text);
        classic.Lines.ShouldContain(l => l.StartsWith(IsPodman ? "STEP 1/" : "Step 1/", StringComparison.Ordinal), classic.Text);
    }

    [Theory]
    [InlineData(ImageBuilderKind.BuildKit)]
    [InlineData(ImageBuilderKind.Classic)]
    public async Task A_failing_RUN_is_CLAWKER4001_naming_the_step_with_its_last_output(ImageBuilderKind builder)
    {
        var ct = TestContext.Current.CancellationToken;
        using var work = await BuildSetup.StartAsync(ct);
        var baseImage = work.BaseImage;
        var tar = ContextTar(work.Path, $"FROM {baseImage}\nRUN echo first-line; echo last-line-before-failure >&2; exit 3\n");
        var engine = work.Engine;
        var progress = new LineCollector();

        var error = await Should.ThrowAsync<ImageBuildException>(() => AgentImageBuilder.BuildAsync(
            engine, tar, Tag("fail"), new string('c', 64), new ImageBuildOptions { Builder = builder, NetworkMode = "none" }, progress, ct)).OfKind(ImageBuildErrorKind.BuildFailed);

        error.Code.ShouldBe(ErrorCodes.ImageBuildFailed);
        error.FailedStep.ShouldNotBeNull().ShouldContain("RUN echo first-line");
        error.Message.ShouldContain(error.FailedStep);
        error.Message.ShouldContain("last-line-before-failure");
        error.Message.ShouldContain("Last output of the step");
        error.EngineMessage.ShouldContain(IsPodman ? "exit status 3" : builder == ImageBuilderKind.BuildKit ? "exit code: 3" : "non-zero code: 3");
        if (builder == ImageBuilderKind.BuildKit && !IsPodman)
        {
            error.FailedStep.ShouldStartWith("[2/2] RUN");
            progress.Lines.ShouldContain("  last-line-before-failure");
            progress.Lines.ShouldContain(l => l.StartsWith("[2/2] RUN", StringComparison.Ordinal) && l.Contains(" ERROR: ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(ImageBuilderKind.BuildKit)]
    [InlineData(ImageBuilderKind.Classic)]
    public async Task Build_arguments_reach_the_Dockerfile_and_their_values_stay_out_of_the_lines(ImageBuilderKind builder)
    {
        var ct = TestContext.Current.CancellationToken;
        using var work = await BuildSetup.StartAsync(ct);
        var baseImage = work.BaseImage;
        var value = "value-" + Guid.NewGuid().ToString("N");
        var tar = ContextTar(work.Path, $"FROM {baseImage}\nARG GREETING\nENV SEEN_GREETING=$GREETING\n");
        var engine = work.Engine;
        var progress = new LineCollector();
        var tag = Tag("args");

        await AgentImageBuilder.BuildAsync(engine, tar, tag, new string('d', 64), new ImageBuildOptions
        {
            Builder = builder,
            Inputs = new ImageBuildInputs { BuildArgs = new Dictionary<string, string> { ["GREETING"] = value } },
        }, progress, ct);

        using var client = TestEngine.Client();
        (await client.Images.InspectImageAsync(tag, ct)).Config.ShouldNotBeNull().Env.ShouldNotBeNull().ShouldContain("SEEN_GREETING=" + value);
        progress.Lines.ShouldContain(l => l.Contains("build arguments GREETING", StringComparison.Ordinal));
        // Clawker's own lines name the argument, never its value (the engine echoes ENV lines as written, with $GREETING).
        progress.Text.ShouldNotContain(value);
    }

    [Theory]
    [InlineData(ImageBuilderKind.BuildKit)]
    [InlineData(ImageBuilderKind.Classic)]
    public async Task A_windows_platform_is_CLAWKER4004_on_dockerd_and_recorded_as_asked_by_podman(ImageBuilderKind builder)
    {
        TestEngine.Require();
        // A Linux engine refuses a Windows platform before it looks for any image. A foreign Linux
        // architecture would not do: dockerd then asks the public registry for the base image.
        var ct = TestContext.Current.CancellationToken;
        using var work = TestAgentImage.NewWorkDirectory();
        // A context of its own: podman's layer cache ignores the platform, so a layer another test built for another platform would be reused.
        var tar = ContextTar(work.Path, $"FROM scratch\nCOPY Dockerfile /x\n# {Guid.NewGuid():N}\n");
        using var engine = await TestEngine.ConnectAsync(cancellationToken: ct);
        var tag = Tag("platform");
        var options = new ImageBuildOptions { Builder = builder, Inputs = new ImageBuildInputs { Platform = "windows/amd64" } };

        if (IsPodman)
        {
            // podman builds FROM scratch for any platform: nothing runs, it only records the platform in the image.
            var built = await AgentImageBuilder.BuildAsync(engine, tar, tag, new string('e', 64), options, cancellationToken: ct);
            using var client = TestEngine.Client();
            var image = await client.Images.InspectImageAsync(built.ImageId, ct);
            (image.Os, image.Architecture).ShouldBe(("windows", "amd64"));
            return;
        }

        var error = await Should.ThrowAsync<ImageBuildException>(() => AgentImageBuilder.BuildAsync(engine, tar, tag, new string('e', 64), options, cancellationToken: ct))
            .OfKind(ImageBuildErrorKind.PlatformUnsupported);

        error.Code.ShouldBe(ErrorCodes.ImagePlatformUnsupported);
        error.Message.ShouldContain("for platform windows/amd64");
        error.Message.ShouldContain("operating system is not supported");
        error.Message.ShouldContain(engine.Endpoint.ToString());
    }

    private static string Tag(string purpose) => $"clawker-{TestEngine.UniqueName(purpose)}:sha-0123456789ab";

    private static string ContextTar(string folder, string dockerfile)
    {
        var path = Path.Combine(folder, "context.tar");
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Ustar);
        var entry = new UstarTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(dockerfile)) };
        tar.WriteEntry(entry);
        return path;
    }

    // The offline base on the run's engine, a folder of the test's own, and a connection.
    private sealed class BuildSetup(TempDirectory folder, string baseImage, Clawker.Docker.DockerEngine engine) : IDisposable
    {
        public string Path => folder.Path;

        public string BaseImage => baseImage;

        public Clawker.Docker.DockerEngine Engine => engine;

        public static async Task<BuildSetup> StartAsync(CancellationToken ct)
        {
            OfflineRootFs.RequireWithEngine();
            var baseImage = await OfflineBaseImage.EnsureAsync(ct);
            return new BuildSetup(TestAgentImage.NewWorkDirectory(), baseImage, await TestEngine.ConnectAsync(cancellationToken: ct));
        }

        public void Dispose()
        {
            engine.Dispose();
            folder.Dispose();
        }
    }
}
