using System.Formats.Tar;

namespace Clawker.Tests.Bundling;

/// <summary>
/// Asset overrides and extra files are read only from inside the asset roots (links resolved at
/// any depth: CLAWKER3004), only as regular files of at most 64 MiB (a FIFO or /dev/zero:
/// CLAWKER3001, at once), and their context copy is never more readable than the source.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleAssetSourceTests : IDisposable
{
    private const string Secret = "shadow-secret-4e1f0c";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = TempBundle.New();
    private readonly string _repo;
    private readonly string _outside;

    public BundleAssetSourceTests()
    {
        _repo = Directory.CreateDirectory(_temp.Combine("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(_repo, ".git"));
        Directory.CreateDirectory(Path.Combine(_repo, "agent", "init"));
        _outside = Directory.CreateDirectory(_temp.Combine("elsewhere")).FullName;
        File.WriteAllText(Path.Combine(_outside, "shadow"), Secret);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private BundleOptions Extra(string path, params string[] roots) => new()
    {
        ProjectName = "demo",
        OutputDirectory = _temp.Combine("out"),
        AssetRoots = roots.Length > 0 ? roots : [AssetTree.RepositoryOf(Path.Combine(_repo, "agent"))],
        ExtraFiles = new Dictionary<string, string> { ["home/claude/notes.md"] = path },
    };

    private BundleException Fails(BundleOptions options)
    {
        var before = TreeSnapshot.Of(_temp.Path);
        var clock = Stopwatch.StartNew();
        var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(options, Ct));
        clock.Elapsed.ShouldBeLessThan(Bound);
        error.Message.ShouldNotContain(Secret);
        before.ShouldBeUnchanged(TreeSnapshot.Of(_temp.Path));
        return error;
    }

    [Theory]
    [InlineData("absolute-file")]
    [InlineData("relative-file")]
    [InlineData("folder-on-the-way")]
    [InlineData("link-to-a-link")]
    [InlineData("dangling")]
    public void A_link_out_of_the_repository_is_CLAWKER3004_and_nothing_is_copied(string shape)
    {
        var init = Path.Combine(_repo, "agent", "init");
        string asset;
        switch (shape)
        {
            case "absolute-file":
                asset = Path.Combine(init, "notes.md");
                File.CreateSymbolicLink(asset, Path.Combine(_outside, "shadow"));
                break;
            case "relative-file":
                asset = Path.Combine(init, "notes.md");
                File.CreateSymbolicLink(asset, "../../../elsewhere/shadow");
                break;
            case "folder-on-the-way":
                Directory.CreateSymbolicLink(Path.Combine(_repo, "agent", "linked"), _outside);
                asset = Path.Combine(_repo, "agent", "linked", "shadow");
                break;
            case "link-to-a-link":
                File.CreateSymbolicLink(Path.Combine(init, "hop"), Path.Combine(_outside, "shadow"));
                asset = Path.Combine(init, "notes.md");
                File.CreateSymbolicLink(asset, "hop");
                break;
            default:
                asset = Path.Combine(init, "notes.md");
                File.CreateSymbolicLink(asset, Path.Combine(_outside, "gone"));
                break;
        }

        var error = Fails(Extra(asset)).OfKind(BundleErrorKind.AssetOutsideTree);

        error.Code.ShouldBe("CLAWKER3004");
        error.Message.ShouldContain(asset);
        error.Message.ShouldContain("add its folder to the asset roots");
        error.Message.ShouldNotContain("MSBuild");
        error.Message.ShouldNotContain("Cake");
        Directory.Exists(_temp.Combine("out")).ShouldBeFalse();
    }

    [Fact]
    public void The_real_etc_shadow_through_a_link_is_refused()
    {
        var asset = Path.Combine(_repo, "agent", "init", "notes.md");
        File.CreateSymbolicLink(asset, "/etc/shadow");

        Fails(Extra(asset)).OfKind(BundleErrorKind.AssetOutsideTree).ResolvedPath.ShouldBe("/etc/shadow");
    }

    [Fact]
    public void A_link_inside_the_repository_is_followed_and_a_widened_root_admits_the_outside_file()
    {
        File.WriteAllText(Path.Combine(_repo, "real.md"), "in the repo\n");
        var inside = Path.Combine(_repo, "agent", "init", "notes.md");
        File.CreateSymbolicLink(inside, "../../real.md");
        ImageBundler.Bundle(Extra(inside), Ct);
        File.ReadAllText(Path.Combine(_temp.Combine("out"), "context", "home", "claude", "notes.md")).ShouldBe("in the repo\n");

        var outside = Path.Combine(_repo, "agent", "init", "shared.md");
        File.CreateSymbolicLink(outside, Path.Combine(_outside, "shadow"));
        ImageBundler.Bundle(Extra(outside, _repo, _outside), Ct).FilesWritten.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_link_loop_and_a_dangling_link_inside_the_tree_are_CLAWKER3001()
    {
        var init = Path.Combine(_repo, "agent", "init");
        File.CreateSymbolicLink(Path.Combine(init, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(init, "b"), "a");
        File.CreateSymbolicLink(Path.Combine(init, "dangling"), "nowhere");

        Fails(Extra(Path.Combine(init, "a"))).OfKind(BundleErrorKind.AssetUnreadable).Message.ShouldContain("link loop");
        Fails(Extra(Path.Combine(init, "dangling"))).OfKind(BundleErrorKind.AssetUnreadable).Message.ShouldContain("no such file");
    }

    [Fact]
    public void A_fifo_and_a_device_are_CLAWKER3001_at_once_not_a_hang()
    {
        var fifo = Path.Combine(_repo, "agent", "init", "pipe");
        Process.Start("mkfifo", [fifo])!.WaitForExit();
        var zero = Path.Combine(_repo, "agent", "init", "zero");
        File.CreateSymbolicLink(zero, "/dev/zero");

        Fails(Extra(fifo)).OfKind(BundleErrorKind.AssetUnreadable).Message.ShouldContain("named pipe");
        Fails(Extra(zero, _repo, "/dev")).OfKind(BundleErrorKind.AssetUnreadable).Message.ShouldContain("character device");
    }

    [Fact]
    public void A_file_over_64_MiB_is_CLAWKER3001()
    {
        var big = Path.Combine(_repo, "agent", "big.bin");
        using (var stream = File.Create(big))
        {
            stream.SetLength(AssetSource.MaxBytes + 1);
        }

        Fails(Extra(big)).OfKind(BundleErrorKind.AssetUnreadable).Message.ShouldContain("64 MiB");
    }

    [Fact]
    public void A_private_source_stays_private_in_the_context_folder_and_the_tar_keeps_its_deterministic_mode()
    {
        var source = Path.Combine(_repo, "agent", "token.txt");
        File.WriteAllText(source, "private\n");
        File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = ImageBundler.Bundle(Extra(source), Ct);

        File.GetUnixFileMode(Path.Combine(result.ContextDirectory, "home", "claude", "notes.md")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(result.TarPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var tar = new TarReader(File.OpenRead(result.TarPath));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "home/claude/notes.md")
            {
                ((int)entry.Mode).ShouldBe(0b110_100_100, "the image gets 0644 whatever the checkout's mode");
            }
        }
    }
}
