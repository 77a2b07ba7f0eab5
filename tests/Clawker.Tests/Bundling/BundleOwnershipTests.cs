namespace Clawker.Tests.Bundling;

/// <summary>
/// The bundle empties or overwrites only what its ownership record proves it wrote: every other
/// folder (a user's, one holding a Dockerfile or manifest.json, a repository, a root), reached
/// directly or through links, is refused with CLAWKER3002 and left exactly as it was.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleOwnershipTests : BundleFolderTest
{
    /// <summary>A user's home-like folder with a Dockerfile: the reproduction of finding 1.</summary>
    private string UsersFolder(string name)
    {
        var home = Temp.Combine(name);
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        Directory.CreateDirectory(Path.Combine(home, "Documents"));
        File.WriteAllText(Path.Combine(home, "Dockerfile"), "FROM x\n");
        File.WriteAllText(Path.Combine(home, ".ssh", "id_rsa"), "k\n");
        File.SetUnixFileMode(Path.Combine(home, ".ssh", "id_rsa"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return home;
    }

    /// <summary>A repository with a project and a Dockerfile at its root.</summary>
    private string Repository()
    {
        var repo = Temp.Combine("repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        Directory.CreateDirectory(Path.Combine(repo, "src", "app"));
        File.WriteAllText(Path.Combine(repo, "Dockerfile"), "FROM x\n");
        File.WriteAllText(Path.Combine(repo, "src", "app", "app.csproj"), "<Project />\n");
        return repo;
    }

    [Fact]
    public void A_context_folder_holding_a_Dockerfile_and_a_users_files_is_refused_naming_them()
    {
        var home = UsersFolder("h");

        var error = Refused(Options(Temp.Combine("out"), home));

        error.Message.ShouldContain(home);
        error.Message.ShouldContain("Dockerfile");
        error.Option.ShouldBe(nameof(BundleOptions.ContextDirectory));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_repository_reached_through_a_link_at_any_depth_is_refused_as_context_and_as_output(int depth)
    {
        var repo = Repository();
        // depth 1: ctx -> repo; 2: a -> repo, ctx = a/src/..; 3: a -> b, b -> repo, relative links.
        var links = Temp.Combine("links");
        Directory.CreateDirectory(links);
        string through;
        switch (depth)
        {
            case 1:
                through = Path.Combine(links, "ctx");
                Directory.CreateSymbolicLink(through, repo);
                break;
            case 2:
                Directory.CreateSymbolicLink(Path.Combine(links, "a"), repo);
                through = Path.Combine(links, "a", "src", "..");
                break;
            default:
                Directory.CreateSymbolicLink(Path.Combine(links, "b"), "../repo");
                Directory.CreateSymbolicLink(Path.Combine(links, "a"), "b");
                through = Path.Combine(links, "a");
                break;
        }

        Refused(Options(Temp.Combine("out"), through)).Message.ShouldContain(repo);
        Refused(Options(through)).Option.ShouldBe(nameof(BundleOptions.OutputDirectory));
        Refused(Options(Path.Combine(through, "src"), through)).Message.ShouldContain("output folder");
    }

    [Fact]
    public void A_default_context_folder_that_already_holds_a_users_files_is_refused_and_kept()
    {
        var project = Temp.Combine("proj");
        Directory.CreateDirectory(Path.Combine(project, "context", "src"));
        File.WriteAllText(Path.Combine(project, "context", "src", "main.c"), "int main(void) { return 0; }\n");

        Refused(Options(project)).Message.ShouldContain("context");
    }

    [Fact]
    public void An_output_folder_holding_a_projects_own_manifest_json_is_refused_and_the_file_kept()
    {
        var project = Temp.Combine("proj");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "manifest.json"), "{\"mine\": true}\n");
        File.WriteAllText(Path.Combine(project, "Program.cs"), "return 0;\n");

        var error = Refused(Options(project));

        error.Message.ShouldContain("manifest.json");
        error.Message.ShouldContain(project);
        File.Exists(Path.Combine(project, ImageBundler.LockFileName)).ShouldBeFalse("not even the lock file is written");
    }

    [Fact]
    public void A_root_like_folder_is_refused_as_output_and_as_context_without_writing_anything()
    {
        var root = Temp.Combine("fakeroot");
        foreach (var folder in new[] { "etc", "home/user", "usr/bin", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }

        File.WriteAllText(Path.Combine(root, "etc", "passwd"), "root:x:0:0::/root:/bin/sh\n");

        Refused(Options(root)).Message.ShouldContain("etc");
        Refused(Options(Temp.Combine("out"), root)).Message.ShouldContain(root);
    }

    [Fact]
    public void The_real_root_and_home_folders_are_refused_without_writing_anything()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (var folder in new[] { "/", home })
        {
            var before = Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).ToList();
            before.ShouldNotBeEmpty();

            Should.Throw<BundleException>(() => ImageBundler.Bundle(Options(folder), Ct)).OfKind(BundleErrorKind.InvalidOption).Code.ShouldBe("CLAWKER3002");
            Should.Throw<BundleException>(() => ImageBundler.Bundle(Options(Temp.Combine("out"), folder), Ct)).OfKind(BundleErrorKind.InvalidOption).Code.ShouldBe("CLAWKER3002");

            Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).ToList().ShouldBe(before, folder);
        }

        Directory.Exists(Temp.Combine("out")).ShouldBeFalse("a refused context leaves a new output folder unmade");
    }

    [Fact]
    public void An_empty_folder_becomes_the_bundles_and_then_bundles_again_with_no_writes()
    {
        var output = Directory.CreateDirectory(Temp.Combine("empty-out")).FullName;
        var context = Directory.CreateDirectory(Temp.Combine("empty-ctx")).FullName;

        ImageBundler.Bundle(Options(output, context), Ct).FilesWritten.ShouldBeGreaterThan(0);
        var before = TreeSnapshot.Of(Temp.Path);
        ImageBundler.Bundle(Options(output, context), Ct).FilesWritten.ShouldBe(0);

        before.ShouldBeUnchanged(TreeSnapshot.Of(Temp.Path));
        File.Exists(Path.Combine(output, ImageBundler.RecordFileName)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Deleting_the_contexts_Dockerfile_bundles_it_again(bool ownContextFolder)
    {
        var options = Options(Temp.Combine("out"), ownContextFolder ? Temp.Combine("ctx") : null);
        var first = ImageBundler.Bundle(options, Ct);
        File.Delete(Path.Combine(first.ContextDirectory, "Dockerfile"));

        var again = ImageBundler.Bundle(options, Ct);

        again.FilesWritten.ShouldBe(1);
        File.Exists(Path.Combine(first.ContextDirectory, "Dockerfile")).ShouldBeTrue();
    }

    [Fact]
    public void Partial_states_of_its_own_recover_by_themselves()
    {
        var options = Options(Temp.Combine("out"), Temp.Combine("ctx"));
        var first = ImageBundler.Bundle(options, Ct);
        File.Delete(first.TarPath);
        // What a crash leaves: temporary files beside recorded ones, in both folders.
        var leftovers = new[]
        {
            Path.Combine(Temp.Combine("out"), $".context.tar.clawker-tmp-{Guid.NewGuid():N}"),
            Path.Combine(Temp.Combine("out"), $".{ImageBundler.RecordFileName}.clawker-tmp-{Guid.NewGuid():N}"),
            Path.Combine(first.ContextDirectory, "home", "claude", ".claude-init", $".settings.json.clawker-tmp-{Guid.NewGuid():N}"),
        };
        foreach (var leftover in leftovers)
        {
            File.WriteAllText(leftover, "half");
        }

        ImageBundler.Bundle(options, Ct);
        File.Exists(first.TarPath).ShouldBeTrue();
        leftovers.ShouldAllBe(l => !File.Exists(l));

        // A record for files that are gone: the whole context folder deleted.
        Directory.Delete(first.ContextDirectory, recursive: true);
        ImageBundler.Bundle(options, Ct).FilesWritten.ShouldBeGreaterThan(0);
        File.Exists(Path.Combine(first.ContextDirectory, "entrypoint.sh")).ShouldBeTrue();
    }

    [Fact]
    public void A_users_file_added_inside_an_owned_context_folder_is_refused_by_name_and_kept()
    {
        var first = ImageBundler.Bundle(Options(Temp.Combine("out")), Ct);
        var added = Path.Combine(first.ContextDirectory, "home", "claude", "my-notes.txt");
        File.WriteAllText(added, "mine");
        File.CreateSymbolicLink(Path.Combine(first.ContextDirectory, "to-etc"), "/etc");

        var error = Refused(Options(Temp.Combine("out")));

        error.Message.ShouldContain("home/claude/my-notes.txt");
        error.Message.ShouldContain("to-etc");
        File.ReadAllText(added).ShouldBe("mine");
    }

    [Fact]
    public void A_bundle_of_the_previous_release_without_a_record_is_adopted_when_it_proves_itself()
    {
        var options = Options(Temp.Combine("out"));
        var first = ImageBundler.Bundle(options, Ct);
        var record = Path.Combine(Temp.Combine("out"), ImageBundler.RecordFileName);
        File.Delete(record); // 0.1.0 wrote none; its MSBuild stamps lived in the output folder
        File.WriteAllText(Path.Combine(Temp.Combine("out"), "image.txt"), "hash|tag\n");

        ImageBundler.Bundle(options, Ct).FilesWritten.ShouldBe(0);
        File.Exists(record).ShouldBeTrue();

        // Not provable: a file that is not the manifest's, or a tar that is not the manifest's.
        File.Delete(record);
        File.WriteAllText(Path.Combine(first.ContextDirectory, "Dockerfile"), "FROM someone-else\n");
        Refused(options).Option.ShouldBe(nameof(BundleOptions.OutputDirectory));
        ImageBundler.Bundle(Options(Temp.Combine("out2")), Ct);
        File.Delete(Path.Combine(Temp.Combine("out2"), ImageBundler.RecordFileName));
        File.AppendAllText(Path.Combine(Temp.Combine("out2"), "context.tar"), "x");
        Refused(Options(Temp.Combine("out2")));
    }

    [Fact]
    public void Output_and_context_may_not_hold_each_other_or_be_one()
    {
        var output = Temp.Combine("out");

        Refused(Options(output, output)).Message.ShouldContain("output folder");
        Refused(Options(output, Temp.Path)).Message.ShouldContain("output folder");
        Refused(Options(Path.Combine(output, "inner"), output)).Message.ShouldContain("output folder");
        Refused(Options(output, Path.Combine(output, "context.tar", "x"))).Message.ShouldContain("context.tar");
        ImageBundler.Bundle(Options(output, Path.Combine(output, "my-context")), Ct).FilesWritten.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_record_that_is_not_Clawkers_is_refused_naming_the_record()
    {
        var output = Directory.CreateDirectory(Temp.Combine("out")).FullName;
        File.WriteAllText(Path.Combine(output, ImageBundler.RecordFileName), "{ not json");

        Refused(Options(output)).Message.ShouldContain(ImageBundler.RecordFileName);
    }

    [Fact]
    public async Task Eight_bundles_at_once_into_one_new_folder_all_succeed_and_leave_no_temporary_files()
    {
        var output = Temp.Combine("shared");
        var bundles = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => ImageBundler.Bundle(Options(output), Ct), Ct))
            .ToList();

        var results = await Task.WhenAll(bundles).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        results.Select(r => r.ContentHash).Distinct().ShouldHaveSingleItem();
        Directory.GetFiles(output, "*clawker-tmp*", SearchOption.AllDirectories).ShouldBeEmpty();
        ImageBundler.Bundle(Options(output), Ct).FilesWritten.ShouldBe(0);
    }
}
