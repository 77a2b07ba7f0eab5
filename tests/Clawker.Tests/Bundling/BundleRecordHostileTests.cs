using System.Diagnostics;
using System.Runtime.Versioning;
using Clawker.Bundling;
using Clawker.Diagnostics;

namespace Clawker.Tests.Bundling;

/// <summary>Records, locks and paths as an attacker or an accident leaves them: coded, bounded, nothing outside touched.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleRecordHostileTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = TempBundle.New();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private BundleOptions Options(string output, string? context = null) => new()
    {
        ProjectName = "demo",
        OutputDirectory = output,
        ContextDirectory = context,
        AssetRoots = [_temp.Path],
    };

    private ClawkerException Coded(BundleOptions options)
    {
        var before = TreeSnapshot.Of(_temp.Path);
        var clock = Stopwatch.StartNew();
        var error = Should.Throw<ClawkerException>(() => ImageBundler.Bundle(options, Ct));
        clock.Elapsed.ShouldBeLessThan(Bound);
        error.Code.ShouldStartWith("CLAWKER300");
        before.ShouldBeUnchanged(TreeSnapshot.Of(_temp.Path));
        return error;
    }

    private string Record(string content)
    {
        var output = Directory.CreateDirectory(_temp.Combine("out")).FullName;
        File.WriteAllText(Path.Combine(output, ImageBundler.RecordFileName), content);
        return output;
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"clawkerBundleRecord\":1e30}")]
    [InlineData("{\"clawkerBundleRecord\":1,\"context\":\"context\",\"outputFiles\":[],\"contextEntries\":[],\"outputSha256\":{\"a\":[],\"a\":[]},\"contextSha256\":{}}")]
    [InlineData("{\"clawkerBundleRecord\":1,\"context\":\"context\",\"outputFiles\":[],\"contextEntries\":[null],\"outputSha256\":{},\"contextSha256\":{}}")]
    [InlineData("{\"clawkerBundleRecord\":1,\"context\":7,\"outputFiles\":[],\"contextEntries\":[],\"outputSha256\":{},\"contextSha256\":{}}")]
    public void A_malformed_record_is_refused(string content) =>
        Coded(Options(Record(content))).Message.ShouldContain(ImageBundler.RecordFileName);

    [Fact]
    public void A_deeply_nested_or_huge_record_is_refused_in_bounded_time()
    {
        Coded(Options(Record(new string('[', 10_000) + new string(']', 10_000))));
        File.WriteAllText(_temp.Combine("out", ImageBundler.RecordFileName), new string(' ', 5 << 20) + "{}");
        Coded(Options(_temp.Combine("out")));
    }

    [Fact]
    public void A_record_that_is_a_fifo_or_a_link_to_dev_zero_is_refused_without_blocking()
    {
        var output = Directory.CreateDirectory(_temp.Combine("out")).FullName;
        var record = Path.Combine(output, ImageBundler.RecordFileName);
        File.CreateSymbolicLink(record, "/dev/zero");
        Coded(Options(output));
        File.Delete(record);
        Process.Start("mkfifo", [record])!.WaitForExit();
        Coded(Options(output));
    }

    [Fact]
    public void A_lock_file_that_is_a_fifo_or_a_folder_is_refused()
    {
        var output = Directory.CreateDirectory(_temp.Combine("out")).FullName;
        var lockFile = Path.Combine(output, ImageBundler.LockFileName);
        Process.Start("mkfifo", [lockFile])!.WaitForExit();
        Coded(Options(output)).Message.ShouldContain(ImageBundler.LockFileName);
        File.Delete(lockFile);
        Directory.CreateDirectory(lockFile);
        Coded(Options(output)).Message.ShouldContain(ImageBundler.LockFileName);
    }

    [Fact]
    public void A_record_listing_paths_out_of_the_context_never_reaches_them()
    {
        var options = Options(_temp.Combine("out"));
        var first = ImageBundler.Bundle(options, Ct);
        var outside = _temp.Combine("outside.txt");
        File.WriteAllText(outside, "keep\n");
        var record = _temp.Combine("out", ImageBundler.RecordFileName);
        var text = File.ReadAllText(record);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(outside))).ToLowerInvariant();
        text = text.Replace("\"contextEntries\": [", $"\"contextEntries\": [\"../../outside.txt\", \"{outside}\", \"/\", ", StringComparison.Ordinal)
            .Replace("\"contextSha256\": {", $"\"contextSha256\": {{\"../../outside.txt\": [\"{hash}\"], \"{outside}\": [\"{hash}\"],", StringComparison.Ordinal);
        File.WriteAllText(record, text);

        ImageBundler.Bundle(options, Ct);

        File.ReadAllText(outside).ShouldBe("keep\n");
        File.Exists(Path.Combine(first.ContextDirectory, "Dockerfile")).ShouldBeTrue();
    }

    [Fact]
    public void A_nul_in_a_folder_is_a_coded_error()
    {
        Coded(Options("out\0x"));
        Coded(Options(_temp.Combine("out"), "ctx\0x"));
    }
}
