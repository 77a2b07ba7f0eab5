namespace Clawker.Tests.Docker;

public class NamesAndLabelsTests
{
    [Fact]
    public void Globals_volume_matches_the_go_clawker()
    {
        GlobalsVolume.Name.ShouldBe("clawker-globals");
        GlobalsVolume.Purpose.ShouldBe("globals");
        GlobalsVolume.MountPoint.ShouldBe("/home/claude/.clawker-globals");
        GlobalsVolume.Labels.ShouldBe(new Dictionary<string, string>
        {
            ["com.clawker.managed"] = "true",
            ["com.clawker.purpose"] = "globals",
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("globals", "clawker-globals")]
    [InlineData("test-0a1b", "clawker-test-0a1b")]
    [InlineData("a.b_c", "clawker-a.b_c")]
    public void Volume_name_is_prefix_plus_purpose(string purpose, string expected) =>
        ClawkerNames.Volume(purpose).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("Globals")]
    [InlineData("-x")]
    [InlineData("a/b")]
    [InlineData("a b")]
    public void Invalid_purposes_are_rejected(string purpose) =>
        Should.Throw<ArgumentException>(() => ClawkerNames.Volume(purpose));

    [Fact]
    public void Globals_mount_is_a_named_volume_at_the_mount_point()
    {
        var mount = GlobalsVolume.Mount();
        mount.Type.ShouldBe("volume");
        mount.Source.ShouldBe("clawker-globals");
        mount.Target.ShouldBe("/home/claude/.clawker-globals");
        mount.ReadOnly.ShouldBe(false);
    }

    [Fact]
    public void Mount_target_must_be_absolute() =>
        Should.Throw<ArgumentException>(() => ClawkerVolumes.Mount("globals", "relative/path"));

    [Fact]
    public void Exact_labels_and_extra_labels_mark_the_volume()
    {
        ClawkerLabels.MarkVolumeFor(new Dictionary<string, string>(GlobalsVolume.Labels), "globals").ShouldBeTrue();
        ClawkerLabels.MarkVolumeFor(new Dictionary<string, string>(GlobalsVolume.Labels) { ["owner"] = "me" }, "globals").ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("true", null)]
    [InlineData(null, "globals")]
    [InlineData("false", "globals")]
    [InlineData("True", "globals")]
    [InlineData("true", "other")]
    public void Missing_or_wrong_labels_do_not_mark_the_volume(string? managed, string? purpose)
    {
        var labels = new Dictionary<string, string>();
        if (managed is not null)
        {
            labels["com.clawker.managed"] = managed;
        }

        if (purpose is not null)
        {
            labels["com.clawker.purpose"] = purpose;
        }

        ClawkerLabels.MarkVolumeFor(labels, "globals").ShouldBeFalse();
    }

    [Fact]
    public void No_labels_at_all_do_not_mark_the_volume() =>
        ClawkerLabels.MarkVolumeFor(null, "globals").ShouldBeFalse();

    [Fact]
    public void Labels_are_described_sorted_or_as_none()
    {
        ClawkerLabels.Describe(null).ShouldBe("(none)");
        ClawkerLabels.Describe(new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" }).ShouldBe("a=2, z=1");
    }
}
