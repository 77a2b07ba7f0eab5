namespace Clawker.Tests.Bundling;

/// <summary>shellcheck on every shell asset, as shipped (the embedded bytes) and as checked in.</summary>
public sealed class ShellAssetsTests
{
    public static TheoryData<string> ShellAssets => new(AssetNames.All.Where(a => a.EndsWith(".sh", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(ShellAssets))]
    public async Task Shell_asset_passes_shellcheck(string asset)
    {
        using var temp = TempBundle.New();
        var path = temp.Combine(asset);
        File.WriteAllBytes(path, EmbeddedAssets.Get(asset));
        File.ReadAllBytes(Path.Combine(RepoRoot.Path, "src/Clawker/Bundling/Assets", asset)).ShouldBe(EmbeddedAssets.Get(asset), "the checked-in asset is LF only");

        await Shellcheck.ShouldPassAsync(path, temp.Path);
    }

    [Fact]
    public void Every_shell_asset_is_covered()
    {
        var onDisk = Directory.GetFiles(Path.Combine(RepoRoot.Path, "src/Clawker/Bundling/Assets"), "*.sh").Select(Path.GetFileName);
        onDisk.Order(StringComparer.Ordinal).ShouldBe(ShellAssets.Select(row => row.Data).Order(StringComparer.Ordinal));
    }
}
