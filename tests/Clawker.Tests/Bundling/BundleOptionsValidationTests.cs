namespace Clawker.Tests.Bundling;

/// <summary>Bad options and bad overrides fail before anything is written, with CLAWKER3002 and CLAWKER3001.</summary>
public sealed class BundleOptionsValidationTests
{
    public static TheoryData<string, ImageOptions> InvalidImageOptions => new()
    {
        { "Uid", new ImageOptions { Uid = "abc" } },
        { "Uid", new ImageOptions { Uid = "0" } },
        { "Uid", new ImageOptions { Uid = "-5" } },
        { "Gid", new ImageOptions { Gid = "" } },
        { "BaseImage", new ImageOptions { BaseImage = "" } },
        { "BaseImage", new ImageOptions { BaseImage = "node:22\nRUN curl evil" } },
        { "BaseImage", new ImageOptions { BaseImage = "node 22" } },
        { "AgentUser", new ImageOptions { AgentUser = "root" } },
        { "AgentUser", new ImageOptions { AgentUser = "Claude User" } },
        { "ClaudeCodeVersion", new ImageOptions { ClaudeCodeVersion = "1.0; rm -rf /" } },
        { "ClaudeCodeVersion", new ImageOptions { ClaudeCodeVersion = "" } },
        { "ClaudeCodeVersion", new ImageOptions { Minimal = true, ClaudeCodeVersion = "latest" } },
        { "ExtraPackages", new ImageOptions { Minimal = true, ExtraPackages = ["curl"] } },
        { "ExtraPackages", new ImageOptions { ExtraPackages = ["curl && evil"] } },
    };

    [Theory]
    [MemberData(nameof(InvalidImageOptions))]
    public void An_invalid_image_option_is_CLAWKER3002_naming_the_option(string option, ImageOptions image)
    {
        using var temp = TempBundle.New();

        var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(temp.Options(image), TestContext.Current.CancellationToken)).OfKind(BundleErrorKind.InvalidOption);

        error.Code.ShouldBe(ErrorCodes.InvalidImageOption);
        error.Option.ShouldBe(option);
        error.CodedMessage.ShouldStartWith($"CLAWKER3002: Invalid image option {option}: ");
        Directory.Exists(temp.Combine("out")).ShouldBeFalse("nothing is written before the options are valid");
    }

    [Theory]
    [InlineData("")]
    [InlineData("--")]
    [InlineData("!!!")]
    public void A_project_name_that_cannot_name_an_image_is_CLAWKER3002(string project)
    {
        using var temp = TempBundle.New();

        Should.Throw<BundleException>(() => ImageBundler.Bundle(new BundleOptions { ProjectName = project, OutputDirectory = temp.Combine("out") }, TestContext.Current.CancellationToken)).OfKind(BundleErrorKind.InvalidOption)
            .Option.ShouldBe("ProjectName");
    }

    [Theory]
    [InlineData("My.App Api", "my.app-api")]
    [InlineData("Clawker__Demo", "clawker-demo")]
    [InlineData("  web-1 ", "web-1")]
    public void Project_names_are_normalized_for_the_tag(string project, string expected) =>
        ImageTag.NormalizeProject(project).ShouldBe(expected);

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("Dockerfile")]
    [InlineData("entrypoint.sh/inside")]
    public void An_extra_file_outside_or_clashing_with_the_context_is_CLAWKER3002(string contextPath)
    {
        using var temp = TempBundle.New();
        File.WriteAllText(temp.Combine("x"), "x");

        Should.Throw<BundleException>(() => ImageBundler.Bundle(new BundleOptions
        {
            ProjectName = "demo",
            OutputDirectory = temp.Combine("out"),
            AssetRoots = [temp.Path],
            ExtraFiles = new Dictionary<string, string> { [contextPath] = temp.Combine("x") },
        }, TestContext.Current.CancellationToken)).OfKind(BundleErrorKind.InvalidOption).Option.ShouldBe("ExtraFiles");
    }

    [Fact]
    public void An_unknown_asset_name_is_CLAWKER3002_listing_the_assets()
    {
        using var temp = TempBundle.New();
        File.WriteAllText(temp.Combine("x"), "x");

        var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(Override(temp, "firewall.sh", temp.Combine("x")), TestContext.Current.CancellationToken)).OfKind(BundleErrorKind.InvalidOption);

        error.Message.ShouldContain("entrypoint.sh");
    }

    [Fact]
    public void A_missing_override_is_CLAWKER3001_naming_the_path()
    {
        using var temp = TempBundle.New();
        var missing = temp.Combine("nope", "entrypoint.sh");

        var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(Override(temp, AssetNames.Entrypoint, missing), TestContext.Current.CancellationToken)).OfKind(BundleErrorKind.AssetUnreadable);

        error.Code.ShouldBe(ErrorCodes.AssetOverrideMissing);
        error.Message.ShouldContain(missing);
        error.Message.ShouldContain("no such file");
    }

    [Fact]
    public void A_folder_given_as_an_override_is_CLAWKER3001()
    {
        using var temp = TempBundle.New();

        var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(Override(temp, AssetNames.Settings, temp.Path), TestContext.Current.CancellationToken)).OfKind(BundleErrorKind.AssetUnreadable);

        error.Asset.ShouldBe(AssetNames.Settings);
    }

    [Fact]
    public void An_extra_file_that_does_not_exist_is_CLAWKER3001()
    {
        using var temp = TempBundle.New();

        Should.Throw<BundleException>(() => ImageBundler.Bundle(new BundleOptions
        {
            ProjectName = "demo",
            OutputDirectory = temp.Combine("out"),
            AssetRoots = [temp.Path],
            ExtraFiles = new Dictionary<string, string> { ["tools/a.sh"] = temp.Combine("absent.sh") },
        }, TestContext.Current.CancellationToken)).OfKind(BundleErrorKind.AssetUnreadable).Asset.ShouldBe("tools/a.sh");
    }

    [Fact]
    public void An_override_replaces_the_built_in_asset()
    {
        using var temp = TempBundle.New();
        File.WriteAllText(temp.Combine("Dockerfile"), "FROM scratch\r\n");

        var result = ImageBundler.Bundle(Override(temp, AssetNames.Dockerfile, temp.Combine("Dockerfile")), TestContext.Current.CancellationToken);

        File.ReadAllText(Path.Combine(result.ContextDirectory, "Dockerfile")).ShouldBe("FROM scratch\n");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999999")]
    public void A_bad_SOURCE_DATE_EPOCH_is_CLAWKER3002(string value) =>
        Should.Throw<BundleException>(() => SourceDateEpoch.FromEnvironment(_ => value)).OfKind(BundleErrorKind.InvalidOption).Option.ShouldBe("SOURCE_DATE_EPOCH");

    [Fact]
    public void SOURCE_DATE_EPOCH_is_read_through_the_lookup_given()
    {
        SourceDateEpoch.FromEnvironment(name => name == "SOURCE_DATE_EPOCH" ? "1700000000" : null).ShouldBe(1_700_000_000);
        SourceDateEpoch.FromEnvironment(_ => null).ShouldBeNull();
    }

    private static BundleOptions Override(TempDirectory temp, string asset, string path) => new()
    {
        ProjectName = "demo",
        OutputDirectory = temp.Combine("out"),
        AssetRoots = [temp.Path],
        AssetOverrides = new Dictionary<string, string> { [asset] = path },
    };
}
