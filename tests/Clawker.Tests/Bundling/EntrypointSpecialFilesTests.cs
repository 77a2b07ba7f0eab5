using System.Net.Sockets;

namespace Clawker.Tests.Bundling;

/// <summary>
/// Anything that is not a regular file at either credentials path (FIFO, directory, socket,
/// device, dangling link, link loop): the entrypoint never opens it, never blocks, never loses
/// the local login, and says so in one prefixed line with no tool's own message leaking.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointSpecialFilesTests
{
    public static TheoryData<string, string> GlobalKinds => new()
    {
        { "fifo", "a FIFO" },
        { "directory", "a directory" },
        { "socket", "a socket" },
        { "device-link", "a device" },
        { "dangling-link", "a dangling link or a link loop" },
        { "link-loop", "a dangling link or a link loop" },
        { "login-link", "a link to a file elsewhere" },
    };

    [Theory]
    [MemberData(nameof(GlobalKinds))]
    public async Task Not_a_file_at_the_global_path_keeps_the_local_login_unlinked_in_one_warning(string kind, string phrase)
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.LocalCredentials, EntrypointLogins.Local);
        using var held = Make(kind, box.GlobalCredentials, box.Root);
        var before = Describe(box.GlobalCredentials);

        var run = await box.RunAsync("true");

        run.ShouldExitCleanly(0);
        run.ClawkerLines.Length.ShouldBe(2, run.ToString());
        run.ClawkerLines[0].ShouldStartWith($"[clawker] warning component=credentials msg={box.GlobalCredentials} is {phrase}, not a login file");
        run.ClawkerLines[1].ShouldStartWith("[clawker] ready credentials=\"local (global credentials path is not a file)\"");
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBeNull("an agent must not be linked to something it cannot log in through");
        File.ReadAllText(box.LocalCredentials).ShouldBe(EntrypointLogins.Local);
        Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldBeEmpty();
        Describe(box.GlobalCredentials).ShouldBe(before, "what is on the volume is not Clawker's to change");
        if (kind == "login-link")
        {
            File.GetUnixFileMode(Path.Combine(box.Root, "elsewhere.json")).ShouldBe(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                "a file outside the volume is never chmod-ed through a link");
        }

        Directory.GetFileSystemEntries(box.Globals).ShouldBe([box.GlobalCredentials], "no temporary file is left");
    }

    [Theory]
    [InlineData("fifo", "a FIFO")]
    [InlineData("socket", "a socket")]
    [InlineData("device-node", "a device")]
    public async Task Not_a_file_at_the_local_path_is_left_in_place_with_one_error_line(string kind, string phrase)
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.GlobalCredentials, EntrypointLogins.Global);
        using var held = Make(kind, box.LocalCredentials, box.Root);
        var before = Describe(box.LocalCredentials);

        var run = await box.RunAsync("true");

        run.ShouldExitCleanly(1);
        run.ClawkerLines.ShouldHaveSingleItem()
            .ShouldStartWith($"[clawker] error component=credentials msg={box.LocalCredentials} is {phrase}, not a login file; move it away");
        Describe(box.LocalCredentials).ShouldBe(before, "a file Clawker did not make is never replaced");
        File.Exists(Path.Combine(box.ReadyDir, "ready")).ShouldBeFalse();
        File.ReadAllText(box.GlobalCredentials).ShouldBe(EntrypointLogins.Global);
    }

    [Theory]
    [InlineData("dangling-link", "missing (or a link loop)")]
    [InlineData("link-loop", "missing (or a link loop)")]
    [InlineData("fifo-link", "a FIFO")]
    [InlineData("directory-link", "a directory")]
    public async Task A_local_link_to_no_login_is_replaced_and_its_old_target_named(string kind, string phrase)
    {
        using var box = new EntrypointSandbox();
        File.WriteAllText(box.GlobalCredentials, EntrypointLogins.Global);
        using var held = Make(kind, box.LocalCredentials, box.Root);
        var oldTarget = new FileInfo(box.LocalCredentials).LinkTarget.ShouldNotBeNull();
        var targetBefore = Describe(Path.Combine(box.ClaudeDir, oldTarget));

        var run = await box.RunAsync("true");

        run.ShouldExitCleanly(0);
        run.ClawkerLines.Length.ShouldBe(2, run.ToString());
        run.ClawkerLines[0].ShouldBe($"[clawker] warning component=credentials msg={box.LocalCredentials} was a link to {oldTarget}, "
            + $"which is {phrase}, not a login; replaced it with a link to {box.GlobalCredentials}");
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        Describe(Path.Combine(box.ClaudeDir, oldTarget)).ShouldBe(targetBefore, "the old link's target is never touched");
        Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("file")]
    [InlineData("fifo")]
    [InlineData("dangling-link")]
    public async Task A_globals_path_that_is_not_a_folder_is_one_error_line_not_no_volume(string kind)
    {
        using var box = new EntrypointSandbox(createGlobals: false);
        File.WriteAllText(box.LocalCredentials, EntrypointLogins.Local);
        using var held = kind == "file" ? null : Make(kind, box.Globals, box.Root);
        if (kind == "file")
        {
            File.WriteAllText(box.Globals, "a file where the volume should be mounted");
        }

        var run = await box.RunAsync("true");

        run.ShouldExitCleanly(1);
        run.ClawkerLines.ShouldHaveSingleItem().ShouldStartWith($"[clawker] error component=credentials msg={box.Globals} is a");
        run.Stderr.ShouldContain("not a folder; mount the clawker-globals volume there");
        File.ReadAllText(box.LocalCredentials).ShouldBe(EntrypointLogins.Local);
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBeNull();
        File.Exists(Path.Combine(box.ReadyDir, "ready")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_fifo_as_user_settings_is_not_merged_and_does_not_block()
    {
        using var box = new EntrypointSandbox();
        Directory.CreateDirectory(box.InitDir);
        File.WriteAllText(Path.Combine(box.InitDir, "settings.json"), """{"a":1}""");
        using var held = Make("fifo", Path.Combine(box.ClaudeDir, "settings.json"), box.Root);

        var run = await box.RunAsync("true");

        run.ShouldExitCleanly(0);
        run.Stderr.ShouldContain("[clawker] warning component=config msg=");
        Describe(Path.Combine(box.ClaudeDir, "settings.json")).ShouldBe("fifo");
    }

    /// <summary>Puts <paramref name="kind"/> at <paramref name="path"/>; a socket stays bound until disposed.</summary>
    private static Socket? Make(string kind, string path, string scratch)
    {
        switch (kind)
        {
            case "fifo":
                Run("/usr/bin/mkfifo", path);
                return null;
            case "directory":
                Directory.CreateDirectory(path);
                File.WriteAllText(Path.Combine(path, "keep"), "the user's");
                return null;
            case "socket":
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                socket.Bind(new UnixDomainSocketEndPoint(path));
                return socket;
            case "device-node":
                Integration.Require(Environment.UserName == "root", "making a device node needs root");
                Run("/usr/bin/mknod", path, "c", "1", "3");
                return null;
            case "device-link":
                File.CreateSymbolicLink(path, "/dev/zero");
                return null;
            case "dangling-link":
                File.CreateSymbolicLink(path, Path.Combine(scratch, "nothing-here"));
                return null;
            case "link-loop":
                File.CreateSymbolicLink(path, Path.Combine(scratch, "loop"));
                File.CreateSymbolicLink(Path.Combine(scratch, "loop"), path);
                return null;
            case "login-link":
                var elsewhere = Path.Combine(scratch, "elsewhere.json");
                File.WriteAllText(elsewhere, EntrypointLogins.Global);
                File.SetUnixFileMode(elsewhere, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                File.CreateSymbolicLink(path, elsewhere);
                return null;
            case "fifo-link":
                Run("/usr/bin/mkfifo", Path.Combine(scratch, "elsewhere.fifo"));
                File.CreateSymbolicLink(path, Path.Combine(scratch, "elsewhere.fifo"));
                return null;
            case "directory-link":
                Directory.CreateDirectory(Path.Combine(scratch, "elsewhere-dir"));
                File.CreateSymbolicLink(path, Path.Combine(scratch, "elsewhere-dir"));
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>The kind of an entry, without following or opening it, plus a link's target.</summary>
    private static string Describe(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            return "link->" + target;
        }

        if (!info.Exists && !Directory.Exists(path))
        {
            return "none";
        }

        return (info.Attributes & FileAttributes.Directory) != 0
            ? "directory:" + string.Join(",", Directory.GetFileSystemEntries(path).Select(Path.GetFileName))
            : Stat(path);
    }

    private static string Stat(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/stat", ["-c", "%F", path])
        {
            RedirectStandardOutput = true,
        })!;
        var kind = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return kind switch
        {
            "fifo" => "fifo",
            "socket" => "socket",
            "character special file" => "device",
            _ => kind,
        };
    }

    private static void Run(string file, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(file, args)!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{file} {string.Join(' ', args)}");
    }
}
