using Clawker.Bundling;
using Clawker.Diagnostics;
using Clawker.Images;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Images;

/// <summary>Build arguments, platform and pull: in the content hash (a new tag), validated with CLAWKER4003, values never shown.</summary>
public sealed class ImageBuildInputsTests
{
    private static BundleResult Bundle(string folder, ImageBuildInputs inputs) => ImageBundler.Bundle(new BundleOptions
    {
        ProjectName = "inputs",
        OutputDirectory = Path.Combine(folder, Guid.NewGuid().ToString("N")),
        ImageOptions = new ImageOptions { Minimal = true },
        BuildInputs = inputs,
    }, TestContext.Current.CancellationToken);

    [Fact]
    public void Each_input_changes_the_tag_and_none_leaves_the_context_hash_as_it_was()
    {
        using var work = new TempDirectory("clawker-inputs-");
        var plain = Bundle(work.Path, ImageBuildInputs.None);
        var tags = new[]
        {
            Bundle(work.Path, new ImageBuildInputs { BuildArgs = new Dictionary<string, string> { ["A"] = "1" } }).Tag,
            Bundle(work.Path, new ImageBuildInputs { BuildArgs = new Dictionary<string, string> { ["A"] = "2" } }).Tag,
            Bundle(work.Path, new ImageBuildInputs { BuildArgs = new Dictionary<string, string> { ["B"] = "1" } }).Tag,
            Bundle(work.Path, new ImageBuildInputs { Platform = "linux/arm64" }).Tag,
            Bundle(work.Path, new ImageBuildInputs { Platform = "linux/amd64" }).Tag,
            Bundle(work.Path, new ImageBuildInputs { Pull = true }).Tag,
            plain.Tag,
        };

        tags.Distinct().Count().ShouldBe(tags.Length);
        // No inputs: the hash of the context alone, the same as before inputs existed.
        var entries = ContextLayout.Build(new BundleOptions { ProjectName = "inputs", OutputDirectory = work.Path }, ImageOptionsValidator.Validate(new ImageOptions { Minimal = true }));
        plain.ContentHash.ShouldBe(ContentHasher.Hash(entries));
        Bundle(work.Path, new ImageBuildInputs { BuildArgs = new Dictionary<string, string> { ["A"] = "1" } }).Tag.ShouldBe(tags[0]);
        plain.BuildInputs.IsNone.ShouldBeTrue();
    }

    [Theory]
    [InlineData("1BAD", "ok", "ImageBuildArgs")]
    [InlineData("HAS SPACE", "ok", "ImageBuildArgs")]
    [InlineData("A=B", "ok", "ImageBuildArgs")]
    [InlineData("OK", "nul\0inside-secret-value", "ImageBuildArgs")]
    public void A_bad_build_argument_is_CLAWKER4003_naming_it_but_never_its_value(string name, string value, string option)
    {
        var error = Should.Throw<ImageBuildException>(() => new ImageBuildInputs { BuildArgs = new Dictionary<string, string> { [name] = value } }.Validate()).OfKind(ImageBuildErrorKind.InvalidInput);

        error.Code.ShouldBe(ErrorCodes.InvalidImageBuildInput);
        error.Option.ShouldBe(option);
        error.Message.ShouldNotContain("secret-value");
        error.Message.ShouldContain(name.Length > 3 ? name[..3] : name);
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("linux/arm64,linux/amd64")]
    [InlineData("Linux/AMD64")]
    [InlineData("linux/amd64/v3/x")]
    [InlineData("linux/amd64\n")]
    public void A_platform_that_is_not_one_os_arch_is_CLAWKER4003(string platform)
    {
        var error = Should.Throw<ImageBuildException>(() => new ImageBuildInputs { Platform = platform }.Validate()).OfKind(ImageBuildErrorKind.InvalidInput);

        error.Option.ShouldBe("ImagePlatform");
        error.Message.ShouldContain("os/arch");
    }

    [Fact]
    public void A_builder_outside_the_enum_is_CLAWKER5002_and_the_text_setting_reads_any_case()
    {
        ClawkerSettingParser.Builder(SettingKeys.ImageBuilder, " BuildKit ").ShouldBe(ImageBuilderKind.BuildKit);
        ClawkerSettingParser.Builder(SettingKeys.ImageBuilder, "").ShouldBe(ImageBuilderKind.Auto);
        ClawkerSettingParser.Builder(SettingKeys.ImageBuilder, "classic").ShouldBe(ImageBuilderKind.Classic);
        var error = Should.Throw<ClawkerSettingException>(() => ClawkerSettingParser.Builder(SettingKeys.ImageBuilder, "kaniko"));
        error.Code.ShouldBe(ErrorCodes.InvalidBuildProperty);
        error.MessageFor("ClawkerImageBuilder", null).ShouldContain("ClawkerImageBuilder");
    }

    [Fact]
    public void The_request_carries_the_builder_the_inputs_and_the_labels_as_parameters()
    {
        // Pull is checked here, not against an engine: a pull would ask a public registry.
        var image = AgentImageReference.From("clawker-demo:sha-0123456789ab", new string('a', 64));
        var inputs = new ImageBuildInputs { BuildArgs = new Dictionary<string, string> { ["A"] = "1" }, Platform = "linux/arm64", Pull = true };

        var buildKit = AgentImageBuilder.BuildParameters(image, new ImageBuildOptions { Inputs = inputs }, ImageBuilderKind.BuildKit);
        var classic = AgentImageBuilder.BuildParameters(image, new ImageBuildOptions(), ImageBuilderKind.Classic);

        buildKit.Version.ShouldBe("2");
        buildKit.Pull.ShouldBe("1");
        buildKit.Platform.ShouldBe("linux/arm64");
        buildKit.BuildArgs.ShouldNotBeNull()["A"].ShouldBe("1");
        buildKit.Labels.ShouldNotBeNull()[AgentImageLabels.ContentHash].ShouldBe(new string('a', 64));
        classic.Version.ShouldBe("1");
        classic.Pull.ShouldBeNull();
        classic.Platform.ShouldBeNull();
        classic.BuildArgs.ShouldBeNull();
    }
}
