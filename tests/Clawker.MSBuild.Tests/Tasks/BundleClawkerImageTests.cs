using Clawker.Bundling;
using Microsoft.Build.Utilities;

namespace Clawker.MSBuild.Tests.Tasks;

public sealed class BundleClawkerImageTests : IDisposable
{
    private readonly TempDirectory _dir = new("clawker-msbuild-bundle-");
    private readonly TestBuildEngine _engine = new();

    public void Dispose() => _dir.Dispose();

    private BundleClawkerImage NewTask(params TaskItem[] assets) => new()
    {
        BuildEngine = _engine,
        ProjectName = "My.App",
        ProjectDirectory = _dir.Path,
        OutputDirectory = Path.Combine(_dir.Path, "out"),
        Assets = assets,
    };

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Bundles_the_context_and_sets_the_tag_hash_and_context_folder()
    {
        var task = NewTask();

        task.Execute().ShouldBeTrue();

        task.Tag.ShouldStartWith("clawker-my.app:sha-");
        task.Tag.ShouldEndWith(task.ContentHash[..12]);
        task.ContentHash.Length.ShouldBe(64);
        task.ContextDirectory.ShouldBe(Path.Combine(_dir.Path, "out", "context"));
        File.Exists(Path.Combine(task.ContextDirectory, "Dockerfile")).ShouldBeTrue();
        File.Exists(Path.Combine(_dir.Path, "out", "context.tar")).ShouldBeTrue();
        task.FilesWritten.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_second_run_writes_nothing_and_gives_the_same_tag()
    {
        var first = NewTask();
        first.Execute().ShouldBeTrue();
        var second = NewTask();

        second.Execute().ShouldBeTrue();

        second.FilesWritten.ShouldBe(0);
        second.Tag.ShouldBe(first.Tag);
    }

    [Fact]
    public void Items_override_assets_by_Asset_metadata_or_file_name_and_add_files_by_ContextPath()
    {
        var baseline = NewTask();
        baseline.Execute().ShouldBeTrue();
        var byMetadata = new TaskItem(WriteFile("my-settings.json", "{\"theme\": \"dark\"}\n"));
        byMetadata.SetMetadata("Asset", "settings.json");
        var byName = new TaskItem(WriteFile("statusline.sh", "#!/bin/bash\necho custom\n"));
        var extra = new TaskItem(WriteFile("notes.txt", "hello\n"));
        extra.SetMetadata("ContextPath", "home/claude/notes.txt");

        var task = NewTask(byMetadata, byName, extra);

        task.Execute().ShouldBeTrue();
        task.ContentHash.ShouldNotBe(baseline.ContentHash);
        File.ReadAllText(Path.Combine(task.ContextDirectory, "home/claude/.claude-init/settings.json")).ShouldContain("dark");
        File.ReadAllText(Path.Combine(task.ContextDirectory, "home/claude/.claude-init/statusline.sh")).ShouldContain("custom");
        File.ReadAllText(Path.Combine(task.ContextDirectory, "home/claude/notes.txt")).ShouldBe("hello\n");
    }

    [Fact]
    public void An_item_that_says_neither_what_it_replaces_nor_where_it_goes_is_CLAWKER5002()
    {
        var task = NewTask(new TaskItem(WriteFile("random.txt", "x")));

        task.Execute().ShouldBeFalse();

        var error = _engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.InvalidBuildProperty);
        error.Message!.ShouldContain("random.txt");
        error.Message!.ShouldContain("ContextPath");
    }

    [Fact]
    public void An_item_with_both_Asset_and_ContextPath_is_CLAWKER5002_naming_it()
    {
        var item = new TaskItem(WriteFile("both.txt", "x"));
        item.SetMetadata("Asset", "settings.json");
        item.SetMetadata("ContextPath", "home/claude/both.txt");

        NewTask(item).Execute().ShouldBeFalse();

        var error = _engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.InvalidBuildProperty);
        error.Message!.ShouldContain("both.txt");
        error.Message!.ShouldContain("both Asset");
        Directory.Exists(Path.Combine(_dir.Path, "out")).ShouldBeFalse();
    }

    [Fact]
    public void An_asset_linked_out_of_the_project_is_CLAWKER3004_unless_ClawkerImageAssetRoots_admits_it()
    {
        var outside = Directory.CreateTempSubdirectory("clawker-msbuild-outside-");
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "secret"), "s3cr3t");
            var link = Path.Combine(_dir.Path, "notes.md");
            File.CreateSymbolicLink(link, Path.Combine(outside.FullName, "secret"));
            var item = new TaskItem(link);
            item.SetMetadata("ContextPath", "home/claude/notes.md");

            NewTask(item).Execute().ShouldBeFalse();
            var error = _engine.Errors.ShouldHaveSingleItem();
            error.Code.ShouldBe(ErrorCodes.AssetOutsideTree);
            error.Message!.ShouldContain("ClawkerImageAssetRoots");

            var widened = NewTask(item);
            widened.AssetRoots = outside.FullName;
            widened.Execute().ShouldBeTrue();
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_override_file_is_CLAWKER3001_naming_the_path()
    {
        var item = new TaskItem(Path.Combine(_dir.Path, "absent.sh"));
        item.SetMetadata("Asset", "entrypoint.sh");

        NewTask(item).Execute().ShouldBeFalse();

        var error = _engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.AssetOverrideMissing);
        error.Message!.ShouldContain("absent.sh");
    }

    [Theory]
    [InlineData("AgentUid", "abc")]
    [InlineData("BaseImage", "UPPER CASE")]
    [InlineData("SourceDateEpoch", "yesterday")]
    public void An_invalid_option_is_CLAWKER3002(string option, string value)
    {
        var task = NewTask();
        typeof(BundleClawkerImage).GetProperty(option)!.SetValue(task, value);

        task.Execute().ShouldBeFalse();

        _engine.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.InvalidImageOption);
    }

    [Theory]
    [InlineData("AgentUid", "abc", "ClawkerAgentUid", "option Uid")]
    [InlineData("ProjectName", "!!!", "ClawkerImageProject", "option ProjectName")]
    public void An_invalid_option_is_named_as_the_MSBuild_property(string parameter, string value, string property, string libraryName)
    {
        var task = NewTask();
        typeof(BundleClawkerImage).GetProperty(parameter)!.SetValue(task, value);

        task.Execute().ShouldBeFalse();

        var message = _engine.Errors.ShouldHaveSingleItem().Message!;
        message.ShouldContain(property);
        message.ShouldContain(value);
        message.ShouldNotContain(libraryName);
    }

    [Fact]
    public void Messages_with_braces_are_logged_verbatim_not_as_format_strings()
    {
        var item = new TaskItem(Path.Combine(_dir.Path, "{0}-absent.sh"));
        item.SetMetadata("Asset", "entrypoint.sh");

        NewTask(item).Execute().ShouldBeFalse();

        _engine.Errors.ShouldHaveSingleItem().Message!.ShouldContain("{0}-absent.sh");
    }

    [Fact]
    public void ClawkerImageContextDir_puts_the_context_in_a_folder_of_its_own_and_the_tar_and_manifest_stay_in_the_output_folder()
    {
        var task = NewTask();
        task.ProjectDirectory = Path.Combine(_dir.Path, "project");
        task.ContextDirectory = "../agent-context/"; // relative to the project, as a -p: property arrives

        task.Execute().ShouldBeTrue();

        task.ContextDirectory.ShouldBe(Path.Combine(_dir.Path, "agent-context"));
        File.Exists(Path.Combine(_dir.Path, "agent-context", "Dockerfile")).ShouldBeTrue();
        File.Exists(Path.Combine(_dir.Path, "out", "context.tar")).ShouldBeTrue();
        File.Exists(Path.Combine(_dir.Path, "out", "manifest.json")).ShouldBeTrue();
        Directory.Exists(Path.Combine(_dir.Path, "out", "context")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("project", "App.csproj")]   // the project itself
    [InlineData("", "context folder")]      // a folder holding the project
    [InlineData("out", "output folder")]    // the tar and manifest would be swept away
    [InlineData("mine", "notes.txt")]       // someone else's files
    public void A_context_folder_whose_clean_up_would_delete_other_files_is_refused_by_the_library(string folder, string reason)
    {
        var project = Directory.CreateDirectory(Path.Combine(_dir.Path, "project")).FullName;
        var sentinel = WriteFile(Path.Combine("project", "App.csproj"), "<Project />");
        var mine = WriteFile(Path.Combine(Directory.CreateDirectory(Path.Combine(_dir.Path, "mine")).FullName, "notes.txt"), "keep me");
        var task = NewTask();
        task.ProjectDirectory = project;
        task.ContextDirectory = Path.Combine(_dir.Path, folder);

        task.Execute().ShouldBeFalse();

        var error = _engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.InvalidImageOption);
        error.Message!.ShouldContain("context folder");
        error.Message!.ShouldContain(reason);
        File.Exists(sentinel).ShouldBeTrue();
        File.Exists(mine).ShouldBeTrue();
    }

    [Fact]
    public void A_context_folder_the_bundle_wrote_before_is_accepted_again()
    {
        var context = Path.Combine(_dir.Path, "agent-context");
        var first = NewTask();
        first.ContextDirectory = context;
        first.Execute().ShouldBeTrue();
        var second = NewTask();
        second.ContextDirectory = context;

        second.Execute().ShouldBeTrue();

        second.FilesWritten.ShouldBe(0);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_bundle_waits_while_another_build_holds_the_output_folder_and_then_runs()
    {
        var output = Path.Combine(_dir.Path, "out");
        var held = HoldOutputFolder(output);
        var task = NewTask();

        var running = System.Threading.Tasks.Task.Run(task.Execute, TestContext.Current.CancellationToken);
        while (!_engine.MessagesSnapshot().Any(m => m.Contains("waiting for another bundle", StringComparison.Ordinal)))
        {
            running.IsCompleted.ShouldBeFalse("the task must wait for the lock, not bundle past it");
            await System.Threading.Tasks.Task.Delay(10, TestContext.Current.CancellationToken);
        }

        File.Exists(Path.Combine(output, "manifest.json")).ShouldBeFalse("nothing is written while the other build holds the folder");
        held.Dispose();

        (await running).ShouldBeTrue();
        File.Exists(Path.Combine(output, "manifest.json")).ShouldBeTrue();
    }

    [Fact]
    public async System.Threading.Tasks.Task Cancelling_a_bundle_that_waits_for_the_output_folder_stops_it()
    {
        var output = Path.Combine(_dir.Path, "out");
        using var held = HoldOutputFolder(output);
        var task = NewTask();

        var running = System.Threading.Tasks.Task.Run(task.Execute, TestContext.Current.CancellationToken);
        while (!_engine.MessagesSnapshot().Any(m => m.Contains("waiting for another bundle", StringComparison.Ordinal)))
        {
            running.IsCompleted.ShouldBeFalse("the task must wait for the lock");
            await System.Threading.Tasks.Task.Delay(10, TestContext.Current.CancellationToken);
        }

        task.Cancel();

        (await running).ShouldBeFalse();
        File.Exists(Path.Combine(output, "manifest.json")).ShouldBeFalse();
    }

    // What another process bundling into the folder holds: the OS lock on the bundle's lock file.
    private static FileStream HoldOutputFolder(string output)
    {
        Directory.CreateDirectory(output);
        return new FileStream(Path.Combine(output, ImageBundler.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }
}
