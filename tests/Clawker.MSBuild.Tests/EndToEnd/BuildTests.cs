using System.Text.RegularExpressions;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary><c>dotnet build</c> of a new consumer of the packed Clawker.MSBuild.</summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class BuildTests(PackageFeed feed)
{
    [GeneratedRegex(@"Clawker image (clawker-buildapp:sha-[0-9a-f]{12}): context in (\S+)")]
    private static partial Regex ImageLine();

    [Fact]
    public async Task Build_bundles_the_context_and_sets_the_tag_then_a_no_op_build_skips_bundling()
    {
        var app = await feed.CreateConsumerAsync("BuildApp");

        var first = (await app.BuildAsync(null, "-v:n")).ShouldSucceed();

        var line = ImageLine().Match(first.Output);
        line.Success.ShouldBeTrue(first.Output);
        var tag = line.Groups[1].Value;
        var context = line.Groups[2].Value;
        context.ShouldBe(Path.Combine(app.ImageDirectory, "context") + "/");
        File.Exists(Path.Combine(context, "Dockerfile")).ShouldBeTrue();
        File.Exists(Path.Combine(context, "entrypoint.sh")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(app.ImageDirectory, "manifest.json")).ShouldContain(tag);
        var tar = Path.Combine(app.ImageDirectory, "context.tar");
        var tarWritten = File.GetLastWriteTimeUtc(tar);
        var manifestWritten = File.GetLastWriteTimeUtc(Path.Combine(app.ImageDirectory, "manifest.json"));

        var second = (await app.BuildAsync(null, "-v:d")).ShouldSucceed();

        second.Output.ShouldContain("Skipping target \"_ClawkerBundleImageCore\" because all output files are up-to-date");
        second.Output.ShouldNotContain("BundleClawkerImage\" (TaskId");
        ImageLine().Match(second.Output).Groups[1].Value.ShouldBe(tag, "the tag property is set on a no-op build too");
        File.GetLastWriteTimeUtc(tar).ShouldBe(tarWritten);
        File.GetLastWriteTimeUtc(Path.Combine(app.ImageDirectory, "manifest.json")).ShouldBe(manifestWritten);
    }

    [Fact]
    public async Task Changing_an_image_option_rebundles_and_design_time_builds_never_bundle()
    {
        var app = await feed.SharedConsumerAsync("OptionsApp");
        (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-v:n")).ShouldSucceed();
        var dockerfile = Path.Combine(app.ImageDirectory, "context", "Dockerfile");
        File.ReadAllText(dockerfile).ShouldNotContain("busybox");

        var changed = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerBaseImage=busybox:1.36", "-v:n")).ShouldSucceed();

        File.ReadAllText(dockerfile).ShouldContain("busybox:1.36");
        changed.Output.ShouldMatch(@"Clawker image clawker-optionsapp:sha-[0-9a-f]{12}: [1-9][0-9]* files written");

        // Every target would fail here (no login, no engine) if a design-time build ran it.
        Directory.Delete(app.ImageDirectory, recursive: true);
        var nowhere = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = Path.Combine(app.Directory, "no-login"), ["CLAWKER_KEYRING"] = "none" };
        (await app.BuildAsync(nowhere, "-t:ClawkerBundleImage;ClawkerValidateCredentials;ClawkerEnsureGlobalsVolume", "-p:DesignTimeBuild=true",
            "-p:ClawkerCredentialNotFound=Error", "-p:ClawkerDockerHost=unix:///nonexistent/docker.sock")).ShouldSucceed();
        Directory.Exists(app.ImageDirectory).ShouldBeFalse();
    }
}
