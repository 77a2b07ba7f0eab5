namespace Clawker.Tests.Bundling;

/// <summary>The one normaliser of the surfaces' image settings: blank is the default, values are trimmed.</summary>
public class ImageOptionsCreateTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_values_take_the_defaults(string? blank)
    {
        var options = ImageOptions.Create(blank, blank, agentUser: blank, uid: blank, gid: blank, extraPackages: [blank ?? "", " "]);

        options.BaseImage.ShouldBe(ImageOptions.DefaultBaseImage);
        options.ClaudeCodeVersion.ShouldBeNull();
        options.AgentUser.ShouldBe(ImageOptions.DefaultAgentUser);
        options.Uid.ShouldBe(ImageOptions.DefaultUid);
        options.Gid.ShouldBe(ImageOptions.DefaultGid);
        options.ExtraPackages.ShouldBeEmpty();
    }

    [Fact]
    public void Values_are_trimmed_and_kept()
    {
        var options = ImageOptions.Create(" debian:bookworm ", " latest ", minimal: true, agentUser: " agent ", uid: " 2000", gid: "3000 ", extraPackages: [" git ", "jq"]);

        options.BaseImage.ShouldBe("debian:bookworm");
        options.ClaudeCodeVersion.ShouldBe("latest");
        options.Minimal.ShouldBeTrue();
        options.AgentUser.ShouldBe("agent");
        options.Uid.ShouldBe("2000");
        options.Gid.ShouldBe("3000");
        options.ExtraPackages.ShouldBe(["git", "jq"]);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(" ", null)]
    [InlineData(" 1700000000 ", 1700000000L)]
    public void SOURCE_DATE_EPOCH_text_parses_once(string? text, long? expected) => SourceDateEpoch.Parse(text).ShouldBe(expected);

    [Fact]
    public void A_bad_SOURCE_DATE_EPOCH_is_CLAWKER3002() =>
        Should.Throw<BundleException>(() => SourceDateEpoch.Parse("yesterday")).OfKind(BundleErrorKind.InvalidOption).Option.ShouldBe(SourceDateEpoch.VariableName);
}
