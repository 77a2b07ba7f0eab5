namespace Clawker.Cake.Tests.Settings;

/// <summary>Old Cake setting names still work: each forwards to its new name (docs/settings.md, "Renamed").</summary>
public sealed class RenamedSettingsTests
{
#pragma warning disable CS0618 // the obsolete names are what is under test
    [Fact]
    public void Old_bundle_names_forward_to_the_new_ones()
    {
        var settings = new ClawkerBundleSettings { Project = "shop", OutputDirectory = "out", Minimal = true };
        settings.AssetRoots.Add("/shared");

        settings.ImageProject.ShouldBe("shop");
        settings.ImageOutputDir!.FullPath.ShouldBe("out");
        settings.ImageMinimal.ShouldBeTrue();
        settings.ImageAssetRoots.ShouldHaveSingleItem().FullPath.ShouldBe("/shared");
    }

    [Fact]
    public void Old_image_and_credential_names_forward_to_the_new_ones()
    {
        var image = new ClawkerImageBuildSettings { Force = true, NoCache = true };
        var credentials = new ClawkerCredentialSettings { NotFound = ClawkerPolicy.Error, Refreshable = ClawkerPolicy.Ignore };

        image.ImageForceBuild.ShouldBeTrue();
        image.ImageNoCache.ShouldBeTrue();
        credentials.CredentialNotFound.ShouldBe(ClawkerPolicy.Error);
        credentials.CredentialRefreshable.ShouldBe(ClawkerPolicy.Ignore);
    }
#pragma warning restore CS0618

    [Fact]
    public void The_context_folder_setting_reaches_the_library_relative_to_the_working_directory()
    {
        var environment = new FakeCakeEnvironment("/work/My_Repo");

        new ClawkerBundleSettings { ImageContextDir = "ctx" }.ToBundleOptions(environment).ContextDirectory.ShouldBe("/work/My_Repo/ctx");
        new ClawkerBundleSettings().ToBundleOptions(environment).ContextDirectory.ShouldBeNull();
    }
}
