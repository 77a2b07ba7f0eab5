namespace Clawker.Tests.Images;

/// <summary>Building the agent image on the real private dockerd from the real bundle.</summary>
public sealed class AgentImageBuilderTests
{
    [Fact]
    public async Task Build_tags_both_tags_labels_the_image_and_streams_the_engine_output()
    {
        OfflineRootFs.RequireWithEngine();
        var ct = TestContext.Current.CancellationToken;
        using var work = TestAgentImage.NewWorkDirectory();
        var project = TestEngine.UniqueName("build");
        var bundle = await TestAgentImage.BundleAsync(project, work.Path);
        using var engine = await TestEngine.ConnectAsync(cancellationToken: ct);
        var progress = new LineCollector();

        // The classic builder's lines; BuilderEngineTests reads BuildKit's.
        var result = await AgentImageBuilder.BuildAsync(engine, bundle, new ImageBuildOptions { Builder = ImageBuilderKind.Classic }, progress, ct);

        result.Skipped.ShouldBeFalse();
        result.Tag.ShouldBe(bundle.Tag);
        result.LatestTag.ShouldBe($"clawker-{project}:latest");
        progress.Lines.ShouldContain(l => l.StartsWith("Step 1/", StringComparison.Ordinal) && l.Contains("FROM clawker-test-base:", StringComparison.Ordinal));
        progress.Lines.ShouldContain(l => l.StartsWith("Successfully tagged " + bundle.Tag, StringComparison.Ordinal));

        using var client = TestEngine.Client();
        var inspected = await client.Images.InspectImageAsync(bundle.Tag, ct);
        inspected.ID.ShouldBe(result.ImageId);
        inspected.RepoTags.ShouldNotBeNull().ShouldBe([bundle.Tag, result.LatestTag], ignoreOrder: true);
        var labels = inspected.Config.ShouldNotBeNull().Labels.ShouldNotBeNull();
        labels["com.clawker.managed"].ShouldBe("true");
        labels[AgentImageLabels.Project].ShouldBe(project);
        labels[AgentImageLabels.ContentHash].ShouldBe(bundle.ContentHash);
    }

    [Fact]
    public async Task Unchanged_rebuild_is_skipped_after_one_api_call_with_the_same_image_id_and_force_rebuilds()
    {
        OfflineRootFs.RequireWithEngine();
        var ct = TestContext.Current.CancellationToken;
        using var work = TestAgentImage.NewWorkDirectory();
        var project = TestEngine.UniqueName("skip");
        var counter = new RequestCounter();
        using var engine = await TestEngine.ConnectAsync(counter, ct);
        var first = await AgentImageBuilder.BuildAsync(engine, await TestAgentImage.BundleAsync(project, work.Path), cancellationToken: ct);

        // A second release: bundle again (nothing changed), then build.
        var again = await TestAgentImage.BundleAsync(project, work.Path);
        again.FilesWritten.ShouldBe(0);
        counter.Reset();
        var progress = new LineCollector();
        var second = await AgentImageBuilder.BuildAsync(engine, again, progress: progress, cancellationToken: ct);

        second.Skipped.ShouldBeTrue();
        second.ImageId.ShouldBe(first.ImageId);
        counter.Requests.ShouldHaveSingleItem().ShouldEndWith($"/images/{again.Tag}/json");
        progress.Text.ShouldContain("build skipped");

        var forced = await AgentImageBuilder.BuildAsync(engine, again, new ImageBuildOptions { Force = true }, cancellationToken: ct);
        forced.Skipped.ShouldBeFalse();
        counter.Requests.ShouldContain(r => r.StartsWith("POST", StringComparison.Ordinal) && r.EndsWith("/build", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Skipped_build_moves_latest_back_to_the_current_content()
    {
        OfflineRootFs.RequireWithEngine();
        var ct = TestContext.Current.CancellationToken;
        using var work = TestAgentImage.NewWorkDirectory();
        var project = TestEngine.UniqueName("latest");
        using var engine = await TestEngine.ConnectAsync(cancellationToken: ct);
        var a = await AgentImageBuilder.BuildAsync(engine, await TestAgentImage.BundleAsync(project, work.Path), cancellationToken: ct);
        var b = await AgentImageBuilder.BuildAsync(engine, await TestAgentImage.BundleAsync(project, work.Path, marker: "b"), cancellationToken: ct);
        b.Tag.ShouldNotBe(a.Tag);

        var back = await AgentImageBuilder.BuildAsync(engine, await TestAgentImage.BundleAsync(project, work.Path), cancellationToken: ct);

        back.Skipped.ShouldBeTrue();
        using var client = TestEngine.Client();
        (await client.Images.InspectImageAsync(back.LatestTag, ct)).ID.ShouldBe(a.ImageId);
    }

    [Fact]
    public async Task Failing_step_is_CLAWKER4001_with_the_engine_message_and_the_step()
    {
        OfflineRootFs.RequireWithEngine();
        var ct = TestContext.Current.CancellationToken;
        using var work = TestAgentImage.NewWorkDirectory();
        // Full mode runs apt-get, which the offline base does not have.
        var bundle = await TestAgentImage.BundleAsync(TestEngine.UniqueName("fail"), work.Path, minimal: false);
        using var engine = await TestEngine.ConnectAsync(cancellationToken: ct);

        // The classic builder: BuildKit's RUN needs a network mode on this bridge-less engine (BuilderEngineTests sets one).
        var error = await Should.ThrowAsync<ImageBuildException>(() => AgentImageBuilder.BuildAsync(engine, bundle, new ImageBuildOptions { Builder = ImageBuilderKind.Classic }, cancellationToken: ct)).OfKind(ImageBuildErrorKind.BuildFailed);

        error.Code.ShouldBe(ErrorCodes.ImageBuildFailed);
        error.FailedStep.ShouldNotBeNull().ShouldContain(" : RUN ");
        error.EngineMessage.ShouldContain("returned a non-zero code");
        error.Message.ShouldContain(error.FailedStep);
        error.Message.ShouldContain("apt-get: not found");
        error.Message.ShouldContain(engine.Endpoint.ToString());
    }

    [Theory]
    [InlineData(ImageBuilderKind.BuildKit)]
    [InlineData(ImageBuilderKind.Classic)]
    public async Task Unknown_base_image_is_CLAWKER4001_naming_the_base_image(ImageBuilderKind builder)
    {
        OfflineRootFs.RequireWithEngine();
        var ct = TestContext.Current.CancellationToken;
        using var work = TestAgentImage.NewWorkDirectory();
        var missing = TestEngine.UniqueName("clawker-no-such-base") + ":1";
        var bundle = Clawker.Bundling.ImageBundler.Bundle(new Clawker.Bundling.BundleOptions
        {
            ProjectName = TestEngine.UniqueName("nobase"),
            OutputDirectory = work.Path,
            ImageOptions = new Clawker.Bundling.ImageOptions { BaseImage = missing, Minimal = true },
        }, TestContext.Current.CancellationToken);
        using var engine = await TestEngine.ConnectAsync(cancellationToken: ct);

        var error = await Should.ThrowAsync<ImageBuildException>(() => AgentImageBuilder.BuildAsync(engine, bundle, new ImageBuildOptions { Builder = builder }, cancellationToken: ct)).OfKind(ImageBuildErrorKind.BuildFailed);

        error.Code.ShouldBe(ErrorCodes.ImageBuildFailed);
        // Classic: "Step 1/4 : FROM x:1"; BuildKit: "[internal] load metadata for docker.io/library/x:1".
        error.FailedStep.ShouldNotBeNull().ShouldContain(missing);
        error.Message.ShouldMatch($"the base image '[^']*{System.Text.RegularExpressions.Regex.Escape(missing)}' is not on that engine");
        error.Message.ShouldContain(error.EngineMessage);
        error.Message.ShouldNotContain("ClawkerBaseImage", customMessage: "the library names no surface");
    }

    [Fact]
    public async Task A_missing_context_tar_is_CLAWKER3003_before_anything_is_sent_to_build()
    {
        TestEngine.Require();
        var ct = TestContext.Current.CancellationToken;
        using var work = TestAgentImage.NewWorkDirectory();
        var bundle = Clawker.Bundling.ImageBundler.Bundle(new Clawker.Bundling.BundleOptions
        {
            ProjectName = TestEngine.UniqueName("notar"),
            OutputDirectory = work.Path,
            ImageOptions = new Clawker.Bundling.ImageOptions { Minimal = true },
        }, ct);
        File.Delete(bundle.TarPath);
        using var engine = await TestEngine.ConnectAsync(cancellationToken: ct);

        var error = await Should.ThrowAsync<Clawker.Bundling.BundleException>(() => AgentImageBuilder.BuildAsync(engine, bundle, cancellationToken: ct)).OfKind(Clawker.Bundling.BundleErrorKind.FilesUnavailable);

        error.Code.ShouldBe(ErrorCodes.BundleFilesUnavailable);
        error.Message.ShouldContain(bundle.TarPath);
        error.Message.ShouldContain("Bundle again first");
        error.Message.ShouldNotContain("build.sh", customMessage: "the library names no surface and not the repository's own script");
    }
}
