using Clawker.Bundling;

namespace Clawker.Cake.Tests.Bundling;

public sealed class ClawkerBundleAliasesTests
{
    [Fact]
    public void Bundles_into_the_output_folder_and_a_second_bundle_writes_nothing()
    {
        using var cake = new CakeSandbox();
        var settings = new ClawkerBundleSettings { ImageProject = "Shop" };

        var first = cake.Context.ClawkerBundleImage(settings);
        var second = cake.Context.ClawkerBundleImage(settings);

        first.Tag.ShouldStartWith("clawker-shop:sha-");
        first.Tag.ShouldEndWith(first.ContentHash[..12]);
        first.ContextDirectory.FullPath.ShouldBe(cake.Combine("artifacts", "agent-image", "context"));
        File.Exists(first.TarPath.FullPath).ShouldBeTrue();
        File.Exists(first.ManifestPath.FullPath).ShouldBeTrue();
        File.Exists(Path.Combine(first.ContextDirectory.FullPath, "Dockerfile")).ShouldBeTrue();
        first.FilesWritten.ShouldBeGreaterThan(0);
        second.FilesWritten.ShouldBe(0);
        second.Tag.ShouldBe(first.Tag);
        cake.Context.FakeLog.At(LogLevel.Information).ShouldContain(m => m.Contains(first.Tag, StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_option_fails_with_CLAWKER3002_first_naming_the_Cake_setting()
    {
        using var cake = new CakeSandbox();

        var failure = Should.Throw<CakeException>(() => cake.Context.ClawkerBundleImage(new ClawkerBundleSettings { AgentUid = "abc" }));

        failure.Message.ShouldStartWith("CLAWKER3002: ");
        failure.Message.ShouldContainAll("ClawkerBundleSettings.AgentUid", "'abc'");
        failure.Message.ShouldNotContain("option Uid");
    }

    [Fact]
    public void A_missing_asset_override_fails_with_CLAWKER3001_first()
    {
        using var cake = new CakeSandbox();
        var settings = new ClawkerBundleSettings();
        settings.AssetOverrides[AssetNames.Entrypoint] = "missing/entrypoint.sh";

        var failure = Should.Throw<CakeException>(() => cake.Context.ClawkerBundleImage(settings));

        failure.Message.ShouldStartWith("CLAWKER3001: ");
        failure.Message.ShouldContain(cake.Combine("missing", "entrypoint.sh"));
    }

    [Fact]
    public void An_output_folder_whose_context_folder_holds_a_users_files_is_CLAWKER3002_and_they_are_kept()
    {
        using var temp = new TempDirectory();
        var source = temp.Combine("proj", "context", "src", "main.c");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllText(source, "int main(void) { return 0; }\n");
        var before = TreeSnapshot.Of(temp.Path);
        var context = new FakeCakeContext(new FakeCakeEnvironment(temp.Path));

        var failure = Should.Throw<CakeException>(() => context.ClawkerBundleImage(new ClawkerBundleSettings { ImageOutputDir = "proj" }));

        failure.Message.ShouldStartWith("CLAWKER3002: ");
        failure.Message.ShouldContain(temp.Combine("proj"));
        before.ShouldBeUnchanged(TreeSnapshot.Of(temp.Path));
    }

    [Fact]
    public void An_asset_linked_out_of_the_working_directory_is_CLAWKER3004_unless_AssetRoots_admits_it()
    {
        using var temp = new TempDirectory();
        using var outside = new TempDirectory();
        File.WriteAllText(outside.Combine("secret"), "s3cr3t");
        File.CreateSymbolicLink(temp.Combine("notes.md"), outside.Combine("secret"));
        var context = new FakeCakeContext(new FakeCakeEnvironment(temp.Path));
        var settings = new ClawkerBundleSettings();
        settings.ExtraFiles["home/claude/notes.md"] = "notes.md";

        var failure = Should.Throw<CakeException>(() => context.ClawkerBundleImage(settings));
        failure.Message.ShouldStartWith("CLAWKER3004: ");
        failure.Message.ShouldContain("ClawkerBundleSettings.ImageAssetRoots");
        failure.Message.ShouldNotContain("ClawkerImageAssetRoots");
        failure.Message.ShouldNotContain("s3cr3t");

        settings.ImageAssetRoots.Add(outside.Path);
        context.ClawkerBundleImage(settings).FilesWritten.ShouldBeGreaterThan(0);
    }
}
