namespace Clawker.Tests.Bundling;

/// <summary>
/// The real entrypoint.sh on a minimal image's tools (busybox only), where options differ from
/// coreutils: busybox <c>mv -T</c> still refuses a destination that is a link to a folder, and
/// busybox <c>chmod</c> has no <c>--reference</c>.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointBusyboxTests
{
    [Fact]
    public async Task A_local_link_to_a_folder_is_replaced_by_the_link_with_busybox_mv()
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.GlobalCredentials, EntrypointLogins.Global);
        var folder = Path.Combine(box.Root, "elsewhere-dir");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep"), "the user's");
        File.CreateSymbolicLink(box.LocalCredentials, folder);

        var run = await box.RunWithAsync([], "/bin/bash", ["true"], box.Environment(path: box.BusyboxPath()));

        run.ShouldExitCleanly(0);
        run.ClawkerLines.Length.ShouldBe(2, run.ToString());
        run.ClawkerLines[1].ShouldStartWith("[clawker] ready credentials=\"linked\"");
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        Directory.GetFileSystemEntries(folder).ShouldBe([Path.Combine(folder, "keep")], "the old link's target is never touched");
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Global);
    }

    [Fact]
    public async Task A_merged_settings_file_keeps_its_mode_with_busybox_chmod()
    {
        using var box = new EntrypointSandbox();
        Directory.CreateDirectory(box.InitDir);
        File.WriteAllText(Path.Combine(box.InitDir, "settings.json"), """{"a":1}""");
        var settings = Path.Combine(box.ClaudeDir, "settings.json");
        File.WriteAllText(settings, """{"b":2}""");
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(settings, mode);
        Integration.Require(File.Exists("/usr/bin/jq"), "jq is not installed");

        var run = await box.RunWithAsync([], "/bin/bash", ["true"], box.Environment(path: box.BusyboxPath("/usr/bin/jq")));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.StrayLines.ShouldBeEmpty(run.ToString());
        run.Stdout.ShouldContain("settings=\"merged\"");
        File.ReadAllText(settings).ShouldContain("\"a\"");
        File.GetUnixFileMode(settings).ShouldBe(mode, "a merge changes the content, not who may read it");
    }
}
