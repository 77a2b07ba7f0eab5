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

        var line = ImageLine().Match(first.All);
        line.Success.ShouldBeTrue(first.All);
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

        second.All.ShouldContain("Skipping target \"_ClawkerBundleImageCore\" because all output files are up-to-date");
        second.All.ShouldNotContain("Task \"BundleClawkerImage\"");
        ImageLine().Match(second.All).Groups[1].Value.ShouldBe(tag, "the tag property is set on a no-op build too");
        File.GetLastWriteTimeUtc(tar).ShouldBe(tarWritten);
        File.GetLastWriteTimeUtc(Path.Combine(app.ImageDirectory, "manifest.json")).ShouldBe(manifestWritten);

        // The content hash is read back from the stamp as well (it is the one the manifest records).
        var third = (await app.BuildAsync(null, "-t:Build", "-getProperty:ClawkerImageContentHash")).ShouldSucceed();
        var hash = third.Output.Trim();
        hash.ShouldNotBeEmpty(third.All);
        hash.ShouldMatch("^[0-9a-f]{64}$");
        tag.ShouldEndWith(hash[..12]);
        File.ReadAllText(Path.Combine(app.ImageDirectory, "manifest.json")).ShouldContain($"\"contentHash\": \"{hash}\"");
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
        changed.All.ShouldMatch(@"Clawker image clawker-optionsapp:sha-[0-9a-f]{12}: [1-9][0-9]* files written");

        // Every target would fail here (no login, no engine) if a design-time build ran it.
        Directory.Delete(app.ImageDirectory, recursive: true);
        var nowhere = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = Path.Combine(app.Directory, "no-login"), ["CLAWKER_KEYRING"] = "none" };
        (await app.BuildAsync(nowhere, "-t:ClawkerBundleImage;ClawkerValidateCredentials;ClawkerEnsureGlobalsVolume", "-p:DesignTimeBuild=true",
            "-p:ClawkerCredentialNotFound=Error", "-p:ClawkerDockerHost=unix:///nonexistent/docker.sock")).ShouldSucceed();
        Directory.Exists(app.ImageDirectory).ShouldBeFalse();
    }

    private const string BundleRan = "Building target \"_ClawkerBundleImageCore\" completely";
    private const string BundleSkipped = "Skipping target \"_ClawkerBundleImageCore\" because all output files are up-to-date";

    [Fact]
    public async Task An_input_change_that_leaves_the_bundle_as_it_was_rebundles_once_then_builds_are_no_ops_again()
    {
        var app = await feed.CreateConsumerAsync("SameBundleApp");
        (await app.BuildAsync(null, "-t:ClawkerBundleImage")).ShouldSucceed();

        // The default, spelled out: the options file changes, the bundle does not.
        var changed = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerAgentUser=claude", "-v:d")).ShouldSucceed();
        var again = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerAgentUser=claude", "-v:d")).ShouldSucceed();

        changed.All.ShouldContain(BundleRan);
        changed.All.ShouldContain(": 0 files written");
        again.All.ShouldContain(BundleSkipped);
    }

    // The targets compare the options file as text, without a task; MSBuild's own comparison ignores case.
    [Fact]
    public async Task An_unchanged_tree_writes_no_options_file_and_a_change_of_case_alone_rebundles()
    {
        var app = await feed.CreateConsumerAsync("CaseApp");
        var dockerfile = Path.Combine(app.ImageDirectory, "context", "Dockerfile");
        var inputs = Path.Combine(app.Directory, "obj", "Debug", "net10.0", "clawker.inputs.txt");
        (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerBaseImage=busybox:Stable")).ShouldSucceed();
        File.ReadAllText(dockerfile).ShouldContain("FROM busybox:Stable", Case.Sensitive);
        var written = File.GetLastWriteTimeUtc(inputs);

        var same = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerBaseImage=busybox:Stable", "-v:d")).ShouldSucceed();
        same.All.ShouldContain(BundleSkipped);
        same.All.ShouldNotContain("Task \"WriteLinesToFile\"");
        same.All.ShouldNotContain("Task \"MakeDir\"");
        File.GetLastWriteTimeUtc(inputs).ShouldBe(written);
        same.All.ShouldContain("Clawker image clawker-caseapp:sha-");

        var changed = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerBaseImage=busybox:stable", "-v:d")).ShouldSucceed();
        changed.All.ShouldContain(BundleRan);
        File.ReadAllText(dockerfile).ShouldContain("FROM busybox:stable", Case.Sensitive);
        File.ReadAllText(inputs).ShouldContain("BaseImage=busybox:stable", Case.Sensitive);

        // On the way to a run, an unchanged bundle costs no task at all (a built-in one loads MSBuild's task assembly).
        string[] runPath = ["-t:ComputeRunArguments", "--no-restore", "-p:ClawkerBaseImage=busybox:stable", "-p:ClawkerValidateCredentialsOnRun=false", "-p:ClawkerEnsureGlobalsVolumeOnRun=false"];
        var run = (await app.BuildAsync(null, [.. runPath, "-v:d"])).ShouldSucceed();
        run.All.ShouldContain("Done building target \"ClawkerPrepare\"", Case.Sensitive);
        run.All.ShouldContain(BundleSkipped);
        run.All.ShouldNotMatch(@"Task ""\w+""");
        var tag = (await app.BuildAsync(null, [.. runPath, "-getProperty:ClawkerImageTag"])).ShouldSucceed();
        tag.Output.Trim().ShouldMatch("^clawker-caseapp:sha-[0-9a-f]{12}$");
        // Asked for by name, the preparation says which image it bundled.
        (await app.BuildAsync(null, "-t:ClawkerPrepare", "--no-restore", "-p:ClawkerBaseImage=busybox:stable", "-p:ClawkerValidateCredentialsOnRun=false",
            "-p:ClawkerEnsureGlobalsVolumeOnRun=false", "-v:n")).ShouldSucceed().All.ShouldContain("Clawker image clawker-caseapp:sha-", Case.Sensitive);
    }

    [Fact]
    public async Task A_stamp_without_its_tag_or_hash_rebundles_and_an_asset_root_with_a_wildcard_is_an_option_like_any_other()
    {
        var app = await feed.CreateConsumerAsync("StampApp");
        var stamp = Path.Combine(app.Directory, "obj", "Debug", "net10.0", "clawker.image.txt");
        (await app.BuildAsync(null, "-t:ClawkerBundleImage")).ShouldSucceed();
        var lines = File.ReadAllLines(stamp);
        File.WriteAllText(stamp, lines[0] + "\n"); // cut after the hash, as a build killed mid-write leaves it

        var repaired = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-v:d")).ShouldSucceed();
        repaired.All.ShouldContain(BundleRan);
        File.ReadAllLines(stamp).ShouldBe(lines);

        var inputs = Path.Combine(app.Directory, "obj", "Debug", "net10.0", "clawker.inputs.txt");
        (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerImageAssetRoots=../r?")).ShouldSucceed();
        File.ReadAllText(inputs).ShouldContain("AssetRoots=../r?", Case.Sensitive);
        var changed = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerImageAssetRoots=../s?", "-v:d")).ShouldSucceed();
        changed.All.ShouldContain(BundleRan);
    }

    [Fact]
    public async Task A_newer_task_assembly_at_another_path_as_after_a_package_upgrade_rebundles()
    {
        var app = await feed.CreateConsumerAsync("UpgradeApp");
        (await app.BuildAsync(null, "-t:ClawkerBundleImage")).ShouldSucceed();
        // An upgrade puts the tasks under the new version's folder of the package cache.
        var installed = Path.Combine(feed.PackagesDirectory, "clawker.msbuild", feed.Version.ToLowerInvariant(), "tasks", "net8.0");
        var upgraded = Path.Combine(app.Directory, "upgraded", "tasks", "net8.0");
        Directory.CreateDirectory(upgraded);
        foreach (var file in Directory.GetFiles(installed))
        {
            File.Copy(file, Path.Combine(upgraded, Path.GetFileName(file)));
        }

        var after = (await app.BuildAsync(null, "-t:ClawkerBundleImage", $"-p:ClawkerTasksAssembly={Path.Combine(upgraded, "Clawker.MSBuild.dll")}", "-v:d")).ShouldSucceed();

        after.All.ShouldContain(BundleRan);
    }

    [Fact]
    public async Task ClawkerImageContextDir_moves_the_context_and_an_output_folder_given_without_a_slash_keeps_its_files_inside()
    {
        var app = await feed.CreateConsumerAsync("ContextDirApp");
        var output = Path.Combine(app.Directory, "artifacts", "agent"); // no trailing slash, as people type it

        var build = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerImageContextDir=agent-context", $"-p:ClawkerImageOutputDir={output}", "-v:n"))
            .ShouldSucceed();

        build.All.ShouldContain($"context in {Path.Combine(app.Directory, "agent-context")}/");
        File.Exists(Path.Combine(app.Directory, "agent-context", "Dockerfile")).ShouldBeTrue();
        File.Exists(Path.Combine(output, "context.tar")).ShouldBeTrue();
        Directory.Exists(Path.Combine(output, "context")).ShouldBeFalse();
        // MSBuild's stamps live beside the output folder, never in it (a fresh output folder holds only the bundle).
        Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe([".clawker-bundle.json", ".clawker-bundle.lock", "context.tar", "manifest.json"]);
        File.Exists(Path.Combine(app.Directory, "obj", "Debug", "net10.0", "clawker.image.txt")).ShouldBeTrue();

        var refused = (await app.BuildAsync(null, "-t:ClawkerBundleImage", "-p:ClawkerImageContextDir=.")).ShouldFail();
        refused.All.ShouldContain("error CLAWKER3002");
        File.Exists(Path.Combine(app.Directory, "Program.cs")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_multi_targeted_project_bundles_in_each_inner_build_also_into_one_shared_folder()
    {
        var app = await feed.CreateConsumerAsync("MultiApp");
        var project = Path.Combine(app.Directory, "MultiApp.csproj");
        await File.WriteAllTextAsync(project, (await File.ReadAllTextAsync(project, TestContext.Current.CancellationToken))
            .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>", StringComparison.Ordinal),
            TestContext.Current.CancellationToken);

        var own = (await app.BuildAsync(null, "-m", "-v:n")).ShouldSucceed();
        var shared = Path.Combine(app.Directory, "agent");
        var together = (await app.BuildAsync(null, "-m", "-v:n", $"-p:ClawkerImageOutputDir={shared}/", "-p:ClawkerBaseImage=busybox:1.36")).ShouldSucceed();

        Regex.Count(own.All, @"Clawker image clawker-multiapp:sha-[0-9a-f]{12}: context in \S+/obj/Debug/net(8|10)\.0/clawker/context/").ShouldBe(2, own.All);
        foreach (var tfm in new[] { "net8.0", "net10.0" })
        {
            File.Exists(Path.Combine(app.Directory, "obj", "Debug", tfm, "clawker", "context", "Dockerfile")).ShouldBeTrue();
        }

        together.All.ShouldNotContain("MSB4018");
        File.ReadAllText(Path.Combine(shared, "context", "Dockerfile")).ShouldContain("busybox:1.36");
        File.Exists(Path.Combine(shared, "manifest.json")).ShouldBeTrue();
        Directory.GetFiles(Path.Combine(shared, "context"), "*clawker-tmp*", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}
