using System.Runtime.Versioning;

namespace Clawker.Tests.Bundling;

/// <summary>
/// CLAUDE_CONFIG_DIR, where Claude Code then keeps its config and login (clawker's current
/// images set it to ~/.claude): the defaults and the credentials link go there, whatever the
/// path holds (spaces, a newline, <c>..</c>, a link to a folder); a path that cannot be the
/// config folder (a link to a file, a dangling link, the globals volume itself) is one error
/// line and changes nothing. Relative values are refused in <see cref="EntrypointPathTests"/>.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointConfigDirTests
{
    private static void Defaults(EntrypointSandbox box)
    {
        Directory.CreateDirectory(box.InitDir);
        File.WriteAllText(Path.Combine(box.InitDir, "CLAUDE.md"), "image default");
    }

    [Theory]
    [InlineData("config")]
    [InlineData("my config\nwith newline -e *")]
    [InlineData("a/../config")]
    [InlineData("config/")]
    public async Task The_defaults_and_the_credentials_link_go_to_CLAUDE_CONFIG_DIR_and_not_to_the_default_folder(string name)
    {
        using var box = new EntrypointSandbox();
        Defaults(box);
        File.WriteAllText(box.GlobalCredentials, EntrypointLogins.Global);
        var environment = box.Environment();
        environment["CLAUDE_CONFIG_DIR"] = Path.Combine(box.Root, name);
        var folder = Path.GetFullPath(Path.Combine(box.Root, name));

        var run = await box.RunWithAsync([], "/bin/bash", ["true"], environment);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.StrayLines.ShouldBeEmpty(run.ToString());
        run.ClawkerLines.ShouldHaveSingleItem().ShouldStartWith("[clawker] ready credentials=\"linked\"");
        new FileInfo(Path.Combine(folder, ".credentials.json")).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.ReadAllText(Path.Combine(folder, "CLAUDE.md")).ShouldBe("image default");
        Directory.GetFileSystemEntries(box.ClaudeDir).ShouldBeEmpty("the default folder is not Claude Code's when CLAUDE_CONFIG_DIR is set");
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Global);
    }

    [Fact]
    public async Task A_local_login_in_CLAUDE_CONFIG_DIR_is_migrated_to_the_volume_and_an_empty_value_means_the_default()
    {
        using var box = new EntrypointSandbox();
        var config = Directory.CreateDirectory(Path.Combine(box.Root, "config")).FullName;
        File.WriteAllText(Path.Combine(config, ".credentials.json"), EntrypointLogins.Local);
        var environment = box.Environment();
        environment["CLAUDE_CONFIG_DIR"] = config;

        var run = await box.RunWithAsync([], "/bin/bash", ["true"], environment);

        run.ExitCode.ShouldBe(0, run.ToString());
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Local);
        new FileInfo(Path.Combine(config, ".credentials.json")).LinkTarget.ShouldBe(box.GlobalCredentials);

        environment["CLAUDE_CONFIG_DIR"] = "";
        (await box.RunWithAsync([], "/bin/bash", ["true"], environment)).ExitCode.ShouldBe(0);
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
    }

    [Fact]
    public async Task A_link_to_a_folder_is_followed_and_kept()
    {
        using var box = new EntrypointSandbox();
        var target = Directory.CreateDirectory(Path.Combine(box.Root, "real config")).FullName;
        var link = Path.Combine(box.Root, "config-link");
        File.CreateSymbolicLink(link, target);
        var environment = box.Environment();
        environment["CLAUDE_CONFIG_DIR"] = link;

        var run = await box.RunWithAsync([], "/bin/bash", ["true"], environment);

        run.ExitCode.ShouldBe(0, run.ToString());
        new FileInfo(link).LinkTarget.ShouldBe(target, "the link itself is left as it was");
        new FileInfo(Path.Combine(target, ".credentials.json")).LinkTarget.ShouldBe(box.GlobalCredentials);
    }

    [Theory]
    [InlineData("file-link")]
    [InlineData("dangling-link")]
    [InlineData("globals")]
    [InlineData("globals-link")]
    [InlineData("globals-dotdot")]
    public async Task A_path_that_cannot_be_the_config_folder_is_one_error_line_and_nothing_changes(string kind)
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.GlobalCredentials, EntrypointLogins.Global);
        var file = Path.Combine(box.Root, "a-file");
        File.WriteAllText(file, "not a folder");
        var value = Path.Combine(box.Root, kind);
        switch (kind)
        {
            case "file-link":
                File.CreateSymbolicLink(value, file);
                break;
            case "dangling-link":
                File.CreateSymbolicLink(value, Path.Combine(box.Root, "nowhere"));
                break;
            case "globals":
                value = box.Globals;
                break;
            case "globals-link":
                File.CreateSymbolicLink(value, box.Globals);
                break;
            default:
                value = Path.Combine(box.Home, ".claude", "..", Path.GetFileName(box.Globals));
                break;
        }

        var before = EntrypointCredentialsTests.Snapshot(box.Root);
        var environment = box.Environment();
        environment["CLAUDE_CONFIG_DIR"] = value;

        var run = await box.RunWithAsync([], "/bin/bash", ["true"], environment);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.StrayLines.ShouldBeEmpty(run.ToString());
        run.ClawkerLines.ShouldHaveSingleItem().ShouldStartWith("[clawker] error component=config msg=");
        File.Exists(Path.Combine(box.ReadyDir, "ready")).ShouldBeFalse();
        // The ready folder is made before the config folder is looked at.
        EntrypointCredentialsTests.Snapshot(box.Root).Where(e => !e.StartsWith("run", StringComparison.Ordinal))
            .ShouldBe(before.Where(e => !e.StartsWith("run", StringComparison.Ordinal)), "the login on the volume is never touched");
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Global);
        new FileInfo(box.GlobalCredentials).LinkTarget.ShouldBeNull();
    }
}
