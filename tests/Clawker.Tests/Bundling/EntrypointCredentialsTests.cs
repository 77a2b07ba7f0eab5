namespace Clawker.Tests.Bundling;

/// <summary>
/// The real entrypoint.sh, run by real bash in a temporary HOME: the credentials link to the
/// globals volume, and the promise that no login is ever lost.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointCredentialsTests
{
    private static readonly UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task Fresh_start_links_to_the_not_yet_existing_global_file()
    {
        using var box = new EntrypointSandbox();

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.Exists(box.GlobalCredentials).ShouldBeFalse("the link dangles until the user logs in");
        File.GetUnixFileMode(box.Globals).ShouldBe(Mode0700);
        File.Exists(Path.Combine(box.ReadyDir, "ready")).ShouldBeTrue();
        run.ClawkerLines.ShouldHaveSingleItem().ShouldStartWith("[clawker] ready ");
    }

    [Fact]
    public async Task A_local_login_migrates_to_the_volume_and_is_linked()
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.LocalCredentials, EntrypointLogins.Local);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Local);
        File.GetUnixFileMode(box.GlobalCredentials).ShouldBe(Mode0600);
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.ReadAllText(box.LocalCredentials).ShouldBe(EntrypointLogins.Local);
        Directory.GetFiles(box.Globals).ShouldBe([box.GlobalCredentials], "no temporary file is left on the volume");
        Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldBeEmpty();
    }

    [Fact]
    public async Task When_local_and_global_differ_the_local_login_is_kept_as_a_backup()
    {
        using var box = new EntrypointSandbox();
        box.WriteLogins(local: EntrypointLogins.Local, global: EntrypointLogins.Global);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Global);
        var backup = Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldHaveSingleItem();
        Path.GetFileName(backup).ShouldMatch(@"^\.credentials\.json\.backup-\d{8}T\d{6}Z$");
        File.ReadAllText(backup).ShouldBe(EntrypointLogins.Local);
        File.GetUnixFileMode(backup).ShouldBe(Mode0600);
        run.Stderr.ShouldContain("[clawker] warning component=credentials");
        run.Stderr.ShouldNotContain("sk-ant-oat01", Case.Sensitive, "the entrypoint never prints a token");
    }

    [Fact]
    public async Task When_local_and_global_are_identical_it_just_links()
    {
        using var box = new EntrypointSandbox();
        box.WriteLogins(local: EntrypointLogins.Global, global: EntrypointLogins.Global);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Global);
        Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_restart_changes_nothing()
    {
        using var box = new EntrypointSandbox();
        box.WriteLogins(local: EntrypointLogins.Local, global: EntrypointLogins.Global);
        (await box.RunAsync("true")).ExitCode.ShouldBe(0);
        var before = Snapshot(box.Home);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        Snapshot(box.Home).ShouldBe(before);
        run.ClawkerLines.ShouldHaveSingleItem().ShouldStartWith("[clawker] ready ");
    }

    [Fact]
    public async Task Without_a_globals_folder_the_local_login_is_not_touched()
    {
        using var box = new EntrypointSandbox(createGlobals: false);
        File.WriteAllText(box.LocalCredentials, EntrypointLogins.Local);
        var before = Snapshot(box.ClaudeDir);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBeNull();
        Snapshot(box.ClaudeDir).ShouldBe(before);
        Directory.Exists(box.Globals).ShouldBeFalse();
    }

    [Fact]
    public async Task A_read_only_globals_folder_keeps_the_local_login_and_warns()
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.LocalCredentials, EntrypointLogins.Local);
        var wrapper = ReadOnlyGlobals.Wrapper(box);
        Integration.Require(wrapper is not null, ReadOnlyGlobals.Unavailable);

        var run = await box.RunWithAsync(wrapper!, "/bin/bash", ["true"]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldNotContain(ReadOnlyGlobals.ProbeWritable, Case.Sensitive, "the globals folder must really be read-only");
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBeNull();
        File.ReadAllText(box.LocalCredentials).ShouldBe(EntrypointLogins.Local);
        Directory.GetFileSystemEntries(box.Globals).ShouldBeEmpty();
        run.Stderr.ShouldContain("[clawker] warning component=credentials msg=cannot copy");
        run.ClawkerLines.Last().ShouldStartWith("[clawker] ready ");
    }

    [Fact]
    public async Task A_credentials_folder_in_the_way_is_one_fatal_error_line()
    {
        using var box = new EntrypointSandbox();
        Directory.CreateDirectory(box.LocalCredentials);
        File.WriteAllText(box.GlobalCredentials, EntrypointLogins.Global);

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.ClawkerLines.ShouldHaveSingleItem().ShouldStartWith("[clawker] error component=credentials msg=");
        File.Exists(Path.Combine(box.ReadyDir, "ready")).ShouldBeFalse();
    }

    /// <summary>Every path under <paramref name="root"/> with its kind, content or link target, mode and mtime.</summary>
    internal static string[] Snapshot(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var info = new FileInfo(path);
                if (info.LinkTarget is { } target)
                {
                    return $"{Path.GetRelativePath(root, path)} link->{target} {info.LastWriteTimeUtc:O}";
                }

                var what = Directory.Exists(path) ? "dir" : "file:" + File.ReadAllText(path);
                return $"{Path.GetRelativePath(root, path)} {what} {File.GetUnixFileMode(path)} {info.LastWriteTimeUtc:O}";
            })];
}
