namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>
/// ClawkerBuildImage as a CI build uses it: a real Cake run bundles a minimal image on a base made
/// here with `docker import` (no registry needed), builds it on the private dockerd, and builds it
/// again, which must be skipped. The image is then checked through the docker CLI.
/// </summary>
public sealed class ImageBuildEndToEndTests(AddinFeed feed)
{
    [Fact]
    public async Task The_image_is_built_with_clawkers_tags_and_labels_then_skipped_when_unchanged()
    {
        TestEngine.RequireWithCli();
        var project = $"cake-e2e-{Guid.NewGuid():N}"[..20];
        var baseImage = $"clawker-cake-test-base:{project}";
        using var rootfs = new TempDirectory("clawker-cake-rootfs-");
        File.WriteAllText(rootfs.Combine("README"), "an empty base image for the Cake end-to-end test\n");
        var tar = rootfs.Combine("rootfs.tar");
        (await ProcessRunner.RunAsync("tar", ["-cf", tar, "-C", rootfs.Path, "README"], rootfs.Path)).ExitCode.ShouldBe(0);
        var import = await TestEngine.CliAsync("import", tar, baseImage);
        import.ExitCode.ShouldBe(0, import.ToString());
        try
        {
            using var script = await CakeScript.CreateAsync(feed, $$"""
                Task("Image").Does(() =>
                {
                    var bundle = ClawkerBundleImage(new ClawkerBundleSettings { ImageProject = "{{project}}", ImageMinimal = true, BaseImage = "{{baseImage}}" });
                    var first = ClawkerBuildImage(new ClawkerImageBuildSettings { Bundle = bundle });
                    var second = ClawkerBuildImage(new ClawkerImageBuildSettings { Bundle = bundle });
                    Information("image tag={0} latest={1} first-skipped={2} second-skipped={3} same-id={4}",
                        first.Tag, first.LatestTag, first.Skipped, second.Skipped, first.ImageId == second.ImageId);
                });
                RunTarget("Image");
                """);

            var run = await script.RunAsync();

            run.ExitCode.ShouldBe(0, run.ToString());
            var tag = $"clawker-{project}:sha-";
            run.Output.ShouldMatch($@"image tag={tag}[0-9a-f]{{12}} latest=clawker-{project}:latest first-skipped=False second-skipped=True same-id=True");
            var inspect = await TestEngine.CliAsync("image", "inspect", "--format", "{{json .Config.Labels}}", $"clawker-{project}:latest");
            inspect.ExitCode.ShouldBe(0, inspect.ToString());
            var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(inspect.Output)!;
            labels["com.clawker.managed"].ShouldBe("true");
        }
        finally
        {
            var images = await TestEngine.CliAsync("image", "ls", "--quiet", "--filter", $"reference=clawker-{project}");
            foreach (var id in images.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct())
            {
                await TestEngine.CliAsync("image", "rm", "--force", id);
            }

            await TestEngine.CliAsync("image", "rm", "--force", baseImage);
        }
    }
}
