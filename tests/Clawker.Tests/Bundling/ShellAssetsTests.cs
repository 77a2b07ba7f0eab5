namespace Clawker.Tests.Bundling;

/// <summary>shellcheck on every shell asset, as shipped (the embedded bytes) and as checked in.</summary>
public sealed class ShellAssetsTests
{
    public static TheoryData<string> ShellAssets => new(AssetNames.All.Where(a => a.EndsWith(".sh", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(ShellAssets))]
    public async Task Shell_asset_passes_shellcheck(string asset)
    {
        var shellcheck = new[] { "/usr/bin/shellcheck", "/usr/local/bin/shellcheck" }.FirstOrDefault(File.Exists);
        Integration.Require(shellcheck is not null, "shellcheck is not installed (apt-get install shellcheck)");
        using var temp = TempBundle.New();
        var path = temp.Combine(asset);
        File.WriteAllBytes(path, EmbeddedAssets.Get(asset));
        File.ReadAllBytes(Path.Combine(RepoRoot.Path, "src/Clawker/Bundling/Assets", asset)).ShouldBe(EmbeddedAssets.Get(asset), "the checked-in asset is LF only");

        var psi = new ProcessStartInfo(shellcheck!, ["--shell=bash", "--severity=style", path]) { RedirectStandardOutput = true };
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.ShouldBe(0, output);
    }

    [Fact]
    public void Every_shell_asset_is_covered()
    {
        var onDisk = Directory.GetFiles(Path.Combine(RepoRoot.Path, "src/Clawker/Bundling/Assets"), "*.sh").Select(Path.GetFileName);
        onDisk.Order(StringComparer.Ordinal).ShouldBe(ShellAssets.Select(row => row.Data).Order(StringComparer.Ordinal));
    }
}
