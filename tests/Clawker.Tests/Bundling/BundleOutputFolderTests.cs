namespace Clawker.Tests.Bundling;

/// <summary>The bundle owns its output and context folders: it takes turns on the output folder and refuses a context folder that is not its own.</summary>
public sealed class BundleOutputFolderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bundle_waits_while_another_holds_the_output_folder_says_so_once_and_then_writes()
    {
        using var temp = TempBundle.New();
        var options = temp.Options();
        Directory.CreateDirectory(options.OutputDirectory);
        var notes = new List<string>();
        var held = new FileStream(Path.Combine(options.OutputDirectory, ImageBundler.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var logged = new TaskCompletionSource();
        var waiting = new BundleOptions
        {
            ProjectName = options.ProjectName,
            OutputDirectory = options.OutputDirectory,
            Log = note => { lock (notes) { notes.Add(note); } logged.TrySetResult(); },
        };

        var running = Task.Run(() => ImageBundler.Bundle(waiting, Ct), Ct);
        await logged.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        File.Exists(Path.Combine(options.OutputDirectory, ImageBundler.ManifestFileName)).ShouldBeFalse("nothing is written while the folder is held");
        running.IsCompleted.ShouldBeFalse();
        await held.DisposeAsync();

        var result = await running;
        result.FilesWritten.ShouldBeGreaterThan(0);
        notes.ShouldHaveSingleItem().ShouldContain("waiting for another bundle");
    }

    [Fact]
    public async Task Cancelling_a_bundle_that_waits_for_the_output_folder_stops_it_before_it_writes()
    {
        using var temp = TempBundle.New();
        var options = temp.Options();
        Directory.CreateDirectory(options.OutputDirectory);
        using var held = new FileStream(Path.Combine(options.OutputDirectory, ImageBundler.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(Task.Run(() => ImageBundler.Bundle(options, cancel.Token), Ct));

        File.Exists(Path.Combine(options.OutputDirectory, ImageBundler.ManifestFileName)).ShouldBeFalse();
    }

    [Fact]
    public void A_context_folder_that_holds_the_output_folder_is_refused_and_nothing_is_deleted()
    {
        using var temp = TempBundle.New();
        var keep = temp.Combine("out", "keep.txt");
        Directory.CreateDirectory(temp.Combine("out"));
        File.WriteAllText(keep, "mine");

        var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(
            new BundleOptions { ProjectName = "demo", OutputDirectory = temp.Combine("out"), ContextDirectory = temp.Path }, Ct)).OfKind(BundleErrorKind.InvalidOption);

        error.Code.ShouldBe("CLAWKER3002");
        error.Option.ShouldBe(nameof(BundleOptions.ContextDirectory));
        error.Message.ShouldContain("output folder");
        File.Exists(keep).ShouldBeTrue();
    }

    [Fact]
    public void A_context_folder_of_someone_elses_files_is_refused_and_a_context_the_bundle_wrote_is_accepted()
    {
        using var temp = TempBundle.New();
        var mine = temp.Combine("mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "notes.txt"), "keep me");

        Should.Throw<BundleException>(() => ImageBundler.Bundle(
            new BundleOptions { ProjectName = "demo", OutputDirectory = temp.Combine("out"), ContextDirectory = mine }, Ct)).OfKind(BundleErrorKind.InvalidOption)
            .Message.ShouldContain("notes.txt");
        File.ReadAllText(Path.Combine(mine, "notes.txt")).ShouldBe("keep me");

        var own = new BundleOptions { ProjectName = "demo", OutputDirectory = temp.Combine("out"), ContextDirectory = temp.Combine("ctx") };
        ImageBundler.Bundle(own, Ct).FilesWritten.ShouldBeGreaterThan(0);
        ImageBundler.Bundle(own, Ct).FilesWritten.ShouldBe(0);
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_is_CLAWKER3003_naming_it()
    {
        using var temp = TempBundle.New();
        var file = temp.Combine("a-file");
        File.WriteAllText(file, "not a folder");
        var output = Path.Combine(file, "out");

        var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(new BundleOptions { ProjectName = "demo", OutputDirectory = output }, Ct)).OfKind(BundleErrorKind.FilesUnavailable);

        error.Code.ShouldBe("CLAWKER3003");
        error.Path.ShouldBe(output);
        error.Message.ShouldContain(output);
        error.Message.ShouldContain("choose another output folder");
    }
}
