using System.Diagnostics;
using System.Runtime.Versioning;
using Clawker.Bundling;

namespace Clawker.Tests.Bundling;

/// <summary>
/// Folders this user cannot read or write give CLAWKER3003, not a stack trace. Root reads
/// everything, so the checks run as <c>nobody</c>: this test assembly started again under
/// <c>setpriv</c>, running only the explicit <c>AsNobody_</c> tests.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleAsNobodyTests
{
    private const string FolderVariable = "CLAWKER_TEST_NOBODY_DIR";
    private const UnixFileMode Open = (UnixFileMode)0b111_101_101;

    [Fact]
    public async Task Folders_nobody_cannot_read_or_write_are_CLAWKER3003_for_nobody()
    {
        Integration.Require(Environment.UserName == "root" && File.Exists("/usr/bin/setpriv"), "needs root and setpriv to run the checks as nobody");
        using var temp = new TempFolder();
        File.SetUnixFileMode(temp.Path, Open);
        var locked = Directory.CreateDirectory(temp.Combine("locked")).FullName;
        File.WriteAllText(Path.Combine(locked, "keep.txt"), "root's");
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var readOnly = Directory.CreateDirectory(temp.Combine("read-only")).FullName;
        File.SetUnixFileMode(readOnly, Open);
        var home = Directory.CreateDirectory(temp.Combine("home")).FullName;
        Chown(home);
        var own = Directory.CreateDirectory(temp.Combine("own-out")).FullName;
        Chown(own);
        // nobody's own folders (its home, an output folder it may write) aside, nothing may change.
        static bool Nobodys(string p) => p.StartsWith("home", StringComparison.Ordinal) || p.StartsWith("own-out", StringComparison.Ordinal);
        var before = TreeSnapshot.Of(temp.Path, Nobodys);

        var start = new ProcessStartInfo("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", Path.Combine(AppContext.BaseDirectory, "Clawker.Tests"),
            "-method", $"{typeof(BundleAsNobodyTests).FullName}.AsNobody_*", "-explicit", "only", "-noColor"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        start.Environment[FolderVariable] = temp.Path;
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        var text = await output + await errors;
        process.ExitCode.ShouldBe(0, text);
        text.ShouldContain("Total: 3, Errors: 0, Failed: 0, Skipped: 0", customMessage: text);
        before.ShouldBeUnchanged(TreeSnapshot.Of(temp.Path, Nobodys));
    }

    [Fact(Explicit = true)]
    public void AsNobody_an_output_folder_it_cannot_search_is_CLAWKER3003_naming_it() =>
        Coded(Path.Combine(Folder(), "locked"), null).Message.ShouldContain("locked");

    [Fact(Explicit = true)]
    public void AsNobody_an_output_folder_it_cannot_write_is_CLAWKER3003() =>
        Coded(Path.Combine(Folder(), "read-only"), null);

    [Fact(Explicit = true)]
    public void AsNobody_a_context_folder_it_cannot_read_is_CLAWKER3003() =>
        Coded(Path.Combine(Folder(), "own-out"), Path.Combine(Folder(), "locked")).Message.ShouldContain("locked");

    private static BundleFilesException Coded(string output, string? context)
    {
        var error = Should.Throw<BundleFilesException>(() => ImageBundler.Bundle(
            new BundleOptions { ProjectName = "demo", OutputDirectory = output, ContextDirectory = context, AssetRoots = [Folder()] },
            TestContext.Current.CancellationToken));
        error.Code.ShouldBe("CLAWKER3003");
        return error;
    }

    private static string Folder() => Environment.GetEnvironmentVariable(FolderVariable) ?? throw new InvalidOperationException($"{FolderVariable} is unset: these tests are started by {nameof(Folders_nobody_cannot_read_or_write_are_CLAWKER3003_for_nobody)}.");

    private static void Chown(string path) => Process.Start("chown", ["nobody:nogroup", path])!.WaitForExit();
}
