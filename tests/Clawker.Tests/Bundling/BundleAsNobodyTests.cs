namespace Clawker.Tests.Bundling;

/// <summary>
/// Folders this user cannot read or write give CLAWKER3003, not a stack trace. Root reads
/// everything, so each check runs again as <c>nobody</c> (<see cref="AsNobody"/>).
/// </summary>
public sealed class BundleAsNobodyTests
{
    private const string FolderVariable = "CLAWKER_TEST_NOBODY_DIR";
    private const UnixFileMode Open = (UnixFileMode)0b111_101_101;

    [Theory]
    [InlineData("locked", null, "locked")]          // an output folder it cannot search
    [InlineData("read-only", null, null)]           // an output folder it cannot write
    [InlineData("own-out", "locked", "locked")]     // a context folder it cannot read
    public async Task A_folder_nobody_cannot_read_or_write_is_CLAWKER3003(string output, string? context, string? named)
    {
        if (AsNobody.Inside)
        {
            var folder = Environment.GetEnvironmentVariable(FolderVariable)!;
            var error = Should.Throw<BundleException>(() => ImageBundler.Bundle(
                new BundleOptions
                {
                    ProjectName = "demo",
                    OutputDirectory = Path.Combine(folder, output),
                    ContextDirectory = context is null ? null : Path.Combine(folder, context),
                    AssetRoots = [folder],
                },
                TestContext.Current.CancellationToken)).OfKind(BundleErrorKind.FilesUnavailable);
            error.Code.ShouldBe("CLAWKER3003");
            if (named is not null)
            {
                error.Message.ShouldContain(named);
            }

            return;
        }

        AsNobody.Require();
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = TempBundle.New();
        File.SetUnixFileMode(temp.Path, Open);
        var locked = Directory.CreateDirectory(temp.Combine("locked")).FullName;
        File.WriteAllText(Path.Combine(locked, "keep.txt"), "root's");
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Directory.CreateDirectory(temp.Combine("read-only")).FullName, Open);
        Chown(Directory.CreateDirectory(temp.Combine("own-out")).FullName);
        // nobody's own output folder aside, nothing may change.
        static bool Nobodys(string p) => p.StartsWith("own-out", StringComparison.Ordinal);
        var before = TreeSnapshot.Of(temp.Path, Nobodys);

        await AsNobody.RunAsync($"{typeof(BundleAsNobodyTests).FullName}.{nameof(A_folder_nobody_cannot_read_or_write_is_CLAWKER3003)}",
            new Dictionary<string, string> { [FolderVariable] = temp.Path });

        before.ShouldBeUnchanged(TreeSnapshot.Of(temp.Path, Nobodys));
    }

    private static void Chown(string path) => Process.Start("chown", ["nobody:nogroup", path])!.WaitForExit();
}
