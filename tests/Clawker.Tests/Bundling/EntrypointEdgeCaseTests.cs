namespace Clawker.Tests.Bundling;

/// <summary>
/// The real entrypoint.sh in the less common homes: a credentials file that is a link to a
/// login somewhere else, a link that already reaches the volume by another path, a HOME with
/// spaces, and a globals folder owned by someone else.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointEdgeCaseTests
{
    [Fact]
    public async Task A_link_to_a_login_elsewhere_migrates_that_login_to_the_empty_volume()
    {
        using var box = new EntrypointSandbox();
        var elsewhere = LinkLocalToALoginElsewhere(box);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Elsewhere, "the login the agent used must not be dropped for an empty volume");
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.ReadAllText(elsewhere).ShouldBe(EntrypointLogins.Elsewhere, "the link's target is left alone");
        run.Stdout.ShouldContain("credentials=\"migrated\"");
    }

    [Fact]
    public async Task A_link_to_a_login_elsewhere_that_differs_from_the_volume_is_kept_as_a_backup_copy()
    {
        using var box = new EntrypointSandbox();
        var elsewhere = LinkLocalToALoginElsewhere(box);
        File.WriteAllText(box.GlobalCredentials, EntrypointLogins.Global);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Global);
        var backup = Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldHaveSingleItem();
        new FileInfo(backup).LinkTarget.ShouldBeNull("the backup holds the login itself, not another link");
        File.ReadAllText(backup).ShouldBe(EntrypointLogins.Elsewhere);
        run.Stdout.ShouldContain("credentials=\"linked (local login kept as backup)\"");
        run.Stderr.ShouldNotContain("sk-ant-oat01", Case.Sensitive);

        await box.RestartShouldChangeNothingAsync(box.Home, "a restart makes no second backup");
    }

    [Fact]
    public async Task A_relative_link_that_already_reaches_the_global_file_is_relinked_without_a_backup()
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.GlobalCredentials, EntrypointLogins.Global);
        File.CreateSymbolicLink(box.LocalCredentials, "../.clawker-globals/.credentials.json");

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldBeEmpty();
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Global);
    }

    [Fact]
    public async Task A_home_with_spaces_migrates_links_and_backs_up_like_any_other()
    {
        using var box = new EntrypointSandbox(prefix: "clawker entry point ");
        box.Home.ShouldContain(" ");
        box.WriteLogins(local: EntrypointLogins.Elsewhere, global: EntrypointLogins.Global);

        var run = await box.RunAsync("true");
        var before = EntrypointCredentialsTests.Snapshot(box.Home);
        var restart = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        restart.ExitCode.ShouldBe(0, restart.ToString());
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.ReadAllText(Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldHaveSingleItem()).ShouldBe(EntrypointLogins.Elsewhere);
        EntrypointCredentialsTests.Snapshot(box.Home).ShouldBe(before);
    }

    [Fact]
    public async Task A_globals_folder_owned_by_another_user_warns_about_its_mode_and_still_migrates()
    {
        Integration.Require(Environment.UserName == "root" && File.Exists("/usr/bin/setpriv"),
            "running the entrypoint as another user needs root and setpriv");
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.LocalCredentials, EntrypointLogins.Elsewhere);
        // The agent (nobody) owns its home; the volume is root's, writable by all, so chmod is refused.
        File.SetUnixFileMode(box.Root, (UnixFileMode)0b111_101_101);
        foreach (var path in new[] { box.Home, box.ClaudeDir, box.LocalCredentials })
        {
            Chown(path, 65534);
        }

        File.SetUnixFileMode(box.Globals, (UnixFileMode)0b111_111_111);
        var environment = box.Environment();
        environment["CLAWKER_READY_DIR"] = "/proc/clawker-not-writable";

        var run = await box.RunWithAsync(["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"], "/bin/bash", ["true"], environment);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldContain("[clawker] warning component=credentials msg=cannot restrict");
        File.GetUnixFileMode(box.Globals).ShouldBe((UnixFileMode)0b111_111_111, "the chmod really was refused");
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Elsewhere);
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        run.ClawkerLines.Last().ShouldStartWith("[clawker] ready ");
    }

    private static void Chown(string path, int uid)
    {
        using var chown = System.Diagnostics.Process.Start("/bin/chown", ["-h", $"{uid}:{uid}", path])!;
        chown.WaitForExit();
        chown.ExitCode.ShouldBe(0);
    }

    /// <summary>Makes the local credentials a link to a login outside the home (a mounted one); returns its path.</summary>
    private static string LinkLocalToALoginElsewhere(EntrypointSandbox box)
    {
        var elsewhere = Path.Combine(box.Root, "mounted-login.json");
        File.WriteAllText(elsewhere, EntrypointLogins.Elsewhere);
        File.CreateSymbolicLink(box.LocalCredentials, elsewhere);
        return elsewhere;
    }
}
