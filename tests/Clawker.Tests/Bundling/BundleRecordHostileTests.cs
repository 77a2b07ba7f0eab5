namespace Clawker.Tests.Bundling;

/// <summary>Records, locks and paths as an attacker or an accident leaves them: coded, bounded, nothing outside touched.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleRecordHostileTests : BundleFolderTest
{
    private ClawkerException Coded(BundleOptions options)
    {
        var error = Fails<ClawkerException>(options);
        error.Code.ShouldStartWith("CLAWKER300");
        return error;
    }

    private string Record(string content)
    {
        var output = Directory.CreateDirectory(Temp.Combine("out")).FullName;
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
        File.WriteAllText(Temp.Combine("out", ImageBundler.RecordFileName), new string(' ', 5 << 20) + "{}");
        Coded(Options(Temp.Combine("out")));
    }

    [Fact]
    public void A_record_that_is_a_fifo_or_a_link_to_dev_zero_is_refused_without_blocking()
    {
        var output = Directory.CreateDirectory(Temp.Combine("out")).FullName;
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
        var output = Directory.CreateDirectory(Temp.Combine("out")).FullName;
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
        var options = Options(Temp.Combine("out"));
        var first = ImageBundler.Bundle(options, Ct);
        var outside = Temp.Combine("outside.txt");
        File.WriteAllText(outside, "keep\n");
        var record = Temp.Combine("out", ImageBundler.RecordFileName);
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
        Coded(Options(Temp.Combine("out"), "ctx\0x"));
    }
}
