using Cake.Core.IO;
using Clawker.Bundling;

namespace Clawker.Cake.Tests.Bundling;

public sealed class BundleOptionsMappingTests
{
    private const string WorkingDirectory = "/work/My_Repo";

    [Fact]
    public void Unset_settings_take_the_library_defaults_and_the_working_directory_name()
    {
        var options = new ClawkerBundleSettings().ToBundleOptions(new FakeCakeEnvironment(WorkingDirectory));

        options.ProjectName.ShouldBe("my_repo");
        options.OutputDirectory.ShouldBe("/work/My_Repo/artifacts/agent-image");
        var defaults = new ImageOptions();
        options.ImageOptions.BaseImage.ShouldBe(defaults.BaseImage);
        options.ImageOptions.AgentUser.ShouldBe(defaults.AgentUser);
        options.ImageOptions.Uid.ShouldBe(defaults.Uid);
        options.ImageOptions.Gid.ShouldBe(defaults.Gid);
        options.ImageOptions.ClaudeCodeVersion.ShouldBeNull();
        options.ImageOptions.ExtraPackages.ShouldBeEmpty();
        options.ImageOptions.Minimal.ShouldBeFalse();
        options.AssetOverrides.ShouldBeEmpty();
        options.ExtraFiles.ShouldBeEmpty();
        options.SourceDateEpoch.ShouldBeNull();
    }

    [Fact]
    public void Every_setting_reaches_the_library_options()
    {
        var settings = new ClawkerBundleSettings
        {
            ImageProject = "shop",
            ImageOutputDir = "/out/image",
            BaseImage = "debian:bookworm",
            ClaudeCodeVersion = "latest",
            ImageMinimal = true,
            AgentUser = "agent",
            AgentUid = "2000",
            AgentGid = "3000",
            SourceDateEpoch = 1700000000,
        };
        settings.ExtraPackages.Add("git");
        settings.ExtraPackages.Add("jq");
        settings.AssetOverrides[AssetNames.Entrypoint] = "/assets/entrypoint.sh";
        settings.ExtraFiles["home/agent/notes.txt"] = "/assets/notes.txt";

        var options = settings.ToBundleOptions(new FakeCakeEnvironment(WorkingDirectory));

        options.ProjectName.ShouldBe("shop");
        options.OutputDirectory.ShouldBe("/out/image");
        options.ImageOptions.BaseImage.ShouldBe("debian:bookworm");
        options.ImageOptions.ClaudeCodeVersion.ShouldBe("latest");
        options.ImageOptions.Minimal.ShouldBeTrue();
        options.ImageOptions.AgentUser.ShouldBe("agent");
        options.ImageOptions.Uid.ShouldBe("2000");
        options.ImageOptions.Gid.ShouldBe("3000");
        options.ImageOptions.ExtraPackages.ShouldBe(["git", "jq"]);
        options.AssetOverrides.ShouldBe(new Dictionary<string, string> { [AssetNames.Entrypoint] = "/assets/entrypoint.sh" });
        options.ExtraFiles.ShouldBe(new Dictionary<string, string> { ["home/agent/notes.txt"] = "/assets/notes.txt" });
        options.SourceDateEpoch.ShouldBe(1700000000);
    }

    [Fact]
    public void Relative_paths_are_relative_to_the_cake_working_directory()
    {
        var settings = new ClawkerBundleSettings { ImageOutputDir = "out/agent" };
        settings.AssetOverrides[AssetNames.Settings] = new FilePath("assets/settings.json");
        settings.ExtraFiles["extra.txt"] = new FilePath("../shared/extra.txt");

        var options = settings.ToBundleOptions(new FakeCakeEnvironment(WorkingDirectory));

        options.OutputDirectory.ShouldBe("/work/My_Repo/out/agent");
        options.AssetOverrides[AssetNames.Settings].ShouldBe("/work/My_Repo/assets/settings.json");
        options.ExtraFiles["extra.txt"].ShouldBe("/work/shared/extra.txt");
    }

    [Fact]
    public void Blank_claude_code_version_means_the_pinned_default()
    {
        var options = new ClawkerBundleSettings { ClaudeCodeVersion = " " }.ToBundleOptions(new FakeCakeEnvironment(WorkingDirectory));

        options.ImageOptions.ClaudeCodeVersion.ShouldBeNull();
    }

    [Fact]
    public void SOURCE_DATE_EPOCH_comes_from_the_cake_environment_unless_the_setting_is_given()
    {
        var environment = new FakeCakeEnvironment(WorkingDirectory, new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1600000000" });

        new ClawkerBundleSettings().ToBundleOptions(environment).SourceDateEpoch.ShouldBe(1600000000);
        new ClawkerBundleSettings { SourceDateEpoch = 42 }.ToBundleOptions(environment).SourceDateEpoch.ShouldBe(42);
    }

    [Fact]
    public void The_result_keeps_every_path_tag_and_hash()
    {
        using var temp = new TempDirectory();
        var library = ImageBundler.Bundle(new BundleOptions { ProjectName = "shop", OutputDirectory = temp.Path }, TestContext.Current.CancellationToken);

        var result = library.ToCakeResult();

        result.ContextDirectory.FullPath.ShouldBe(library.ContextDirectory);
        result.TarPath.FullPath.ShouldBe(library.TarPath);
        result.ManifestPath.FullPath.ShouldBe(library.ManifestPath);
        result.Tag.ShouldBe(library.Tag);
        result.ContentHash.ShouldBe(library.ContentHash);
        result.FilesWritten.ShouldBe(library.FilesWritten);
    }
}
