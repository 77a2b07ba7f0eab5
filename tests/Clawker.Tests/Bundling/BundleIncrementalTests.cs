namespace Clawker.Tests.Bundling;

/// <summary>Re-bundling unchanged inputs writes nothing; a change rewrites only what changed.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleIncrementalTests
{
    private static readonly DateTime Old = new(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_first_bundle_writes_the_folder_the_tar_and_the_manifest()
    {
        using var temp = TempBundle.New();

        var result = ImageBundler.Bundle(temp.Options(), TestContext.Current.CancellationToken);

        result.FilesWritten.ShouldBe(result.Files.Count + 2);
        foreach (var file in result.Files)
        {
            var path = Path.Combine(result.ContextDirectory, file.Path);
            File.ReadAllBytes(path).Length.ShouldBe((int)file.Size);
            File.GetUnixFileMode(path).ShouldBe(file.Mode);
        }

        Directory.Exists(Path.Combine(result.ContextDirectory, "home/claude/.clawker-globals")).ShouldBeTrue();
        Directory.GetFiles(temp.Combine("out"), "*clawker-tmp*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public void Re_bundling_unchanged_inputs_writes_nothing_and_keeps_every_mtime()
    {
        using var temp = TempBundle.New();
        var first = ImageBundler.Bundle(temp.Options(), TestContext.Current.CancellationToken);
        var files = Directory.GetFiles(temp.Combine("out"), "*", SearchOption.AllDirectories);
        foreach (var file in files)
        {
            File.SetLastWriteTimeUtc(file, Old);
        }

        var second = ImageBundler.Bundle(temp.Options(), TestContext.Current.CancellationToken);

        (second.FilesWritten, second.FilesRemoved).ShouldBe((0, 0));
        second.ContentHash.ShouldBe(first.ContentHash);
        foreach (var file in files)
        {
            File.GetLastWriteTimeUtc(file).ShouldBe(Old, file);
        }
    }

    [Fact]
    public void A_changed_option_rewrites_only_the_Dockerfile_the_tar_and_the_manifest()
    {
        using var temp = TempBundle.New();
        ImageBundler.Bundle(temp.Options(), TestContext.Current.CancellationToken);

        var result = ImageBundler.Bundle(temp.Options(new ImageOptions { Uid = "1500" }), TestContext.Current.CancellationToken);

        result.FilesWritten.ShouldBe(3);
    }

    [Fact]
    public void Files_the_bundle_no_longer_holds_are_removed_from_the_folder()
    {
        using var temp = TempBundle.New();
        File.WriteAllText(temp.Combine("extra.txt"), "extra");
        ImageBundler.Bundle(new BundleOptions
        {
            ProjectName = "demo",
            OutputDirectory = temp.Combine("out"),
            AssetRoots = [temp.Path],
            ExtraFiles = new Dictionary<string, string> { ["tools/extra.txt"] = temp.Combine("extra.txt") },
        }, TestContext.Current.CancellationToken);

        var result = ImageBundler.Bundle(temp.Options(), TestContext.Current.CancellationToken);

        result.FilesRemoved.ShouldBe(2);
        Directory.Exists(Path.Combine(result.ContextDirectory, "tools")).ShouldBeFalse();
    }

    [Fact]
    public void A_recorded_folder_or_file_replaced_by_a_link_is_refused_and_nothing_is_written_through_the_link()
    {
        using var temp = TempBundle.New();
        var first = ImageBundler.Bundle(temp.Options(), TestContext.Current.CancellationToken);
        var outside = Directory.CreateDirectory(temp.Combine("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "keep.txt"), "not the bundle's");
        var init = Path.Combine(first.ContextDirectory, "home", "claude", ".claude-init");
        Directory.Delete(init, recursive: true);
        Directory.CreateSymbolicLink(init, outside);
        var entrypoint = Path.Combine(first.ContextDirectory, "entrypoint.sh");
        File.Delete(entrypoint);
        File.CreateSymbolicLink(entrypoint, Path.Combine(outside, "keep.txt"));

        // Clawker writes no links: one where it wrote a file or folder is someone else's, refused and kept.
        var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(temp.Options(), TestContext.Current.CancellationToken)).OfKind(BundleErrorKind.InvalidOption);

        error.Code.ShouldBe("CLAWKER3002");
        error.Message.ShouldContain("entrypoint.sh (a link)");
        error.Message.ShouldContain(".claude-init (a link)");
        File.ReadAllText(Path.Combine(outside, "keep.txt")).ShouldBe("not the bundle's");
        Directory.GetFileSystemEntries(outside).ShouldBe([Path.Combine(outside, "keep.txt")], "no bundle file was written through a link");
        new DirectoryInfo(init).LinkTarget.ShouldBe(outside);
        new FileInfo(entrypoint).LinkTarget.ShouldNotBeNull();
    }
}
