using Clawker.IO;

namespace Clawker.Tests.IO;

public sealed class RegularFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_a_regular_file_and_one_through_a_link()
    {
        var file = _dir.Combine("a.json");
        File.WriteAllText(file, "{}");
        File.CreateSymbolicLink(_dir.Combine("link"), file);

        RegularFile.Read(file, 10).ShouldBe("{}"u8.ToArray());
        RegularFile.Read(_dir.Combine("link"), 10).ShouldBe("{}"u8.ToArray());
        RegularFile.KindOf(_dir.Combine("link")).ShouldBe(FileKind.Regular);
    }

    [Fact]
    public async Task A_fifo_is_refused_at_once_instead_of_blocking()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "no FIFOs on Windows");
        var fifo = _dir.Combine("fifo");
        Process.Start("mkfifo", fifo)!.WaitForExit();

        var read = Task.Run(() => RegularFile.Read(fifo, 1024), TestContext.Current.CancellationToken);
        var e = await Should.ThrowAsync<FileReadException>(() => read.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        e.Failure.ShouldBe(FileReadFailure.NotRegular);
        e.Message.ShouldContain("named pipe");
    }

    [Theory]
    [InlineData("/dev/zero", FileKind.CharacterDevice)]
    [InlineData("/dev/null", FileKind.CharacterDevice)]
    [InlineData("/tmp", FileKind.Directory)]
    internal void Devices_and_folders_are_not_regular(string path, FileKind kind)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix paths");
        RegularFile.KindOf(path).ShouldBe(kind);
        Should.Throw<FileReadException>(() => RegularFile.Read(path, 1024)).Failure.ShouldBe(FileReadFailure.NotRegular);
    }

    [Fact]
    public void A_link_to_dev_zero_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix paths");
        File.CreateSymbolicLink(_dir.Combine("zero"), "/dev/zero");
        Should.Throw<FileReadException>(() => RegularFile.Read(_dir.Combine("zero"), 1 << 20)).Failure.ShouldBe(FileReadFailure.NotRegular);
    }

    [Fact]
    public void Missing_dangling_and_looping_paths()
    {
        File.CreateSymbolicLink(_dir.Combine("dangling"), _dir.Combine("nowhere"));
        File.CreateSymbolicLink(_dir.Combine("loop1"), _dir.Combine("loop2"));
        File.CreateSymbolicLink(_dir.Combine("loop2"), _dir.Combine("loop1"));

        Should.Throw<FileReadException>(() => RegularFile.Read(_dir.Combine("missing"), 10)).Failure.ShouldBe(FileReadFailure.NotFound);
        Should.Throw<FileReadException>(() => RegularFile.Read(_dir.Combine("dangling"), 10)).Failure.ShouldBe(FileReadFailure.NotFound);
        Should.Throw<FileReadException>(() => RegularFile.Read(_dir.Combine("loop1"), 10)).Failure.ShouldBe(FileReadFailure.NotRegular);
    }

    [Fact]
    public void A_file_over_the_cap_is_refused_and_one_at_the_cap_is_read()
    {
        var file = _dir.Combine("big");
        File.WriteAllBytes(file, new byte[4097]);

        Should.Throw<FileReadException>(() => RegularFile.Read(file, 4096)).Failure.ShouldBe(FileReadFailure.TooLarge);
        RegularFile.Read(file, 4097).Length.ShouldBe(4097);
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_its_offset_and_never_its_bytes()
    {
        var file = _dir.Combine("bad");
        File.WriteAllBytes(file, [.. "{\"a\":\"sk-ant-SECRET"u8, 0xFF, .. "\"}"u8]);

        var e = Should.Throw<FileReadException>(() => RegularFile.ReadText(file, 1024));
        e.Failure.ShouldBe(FileReadFailure.NotText);
        e.Message.ShouldContain("byte 19");
        e.Message.ShouldNotContain("SECRET");
        e.Message.ShouldNotContain("FF");
    }

    [Fact]
    public void A_bom_is_dropped()
    {
        var file = _dir.Combine("bom");
        File.WriteAllBytes(file, [.. Encoding.UTF8.Preamble, .. "{}"u8]);
        RegularFile.ReadText(file, 1024).ShouldBe("{}");
    }

    [Fact]
    public async Task ReadAsync_reads_within_its_bound()
    {
        var file = _dir.Combine("ok");
        File.WriteAllText(file, "x");
        (await RegularFile.ReadAsync(file, 10, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).ShouldBe("x"u8.ToArray());
    }

    [Fact]
    public async Task A_read_that_stalls_is_abandoned_at_the_bound()
    {
        using var release = new ManualResetEventSlim();
        var watch = Stopwatch.StartNew();
        var e = await Should.ThrowAsync<FileReadException>(() =>
            RegularFile.Bounded(() => { release.Wait(TimeSpan.FromMinutes(1)); return 0; }, "/stalled", TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
        release.Set();

        e.Failure.ShouldBe(FileReadFailure.TimedOut);
        e.Message.ShouldContain("/stalled");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20)); // bounded, not hanging until the stall ends
    }

    [Fact]
    public async Task A_read_that_throws_after_the_bound_leaves_no_unobserved_exception()
    {
        using var unobserved = new UnobservedTaskExceptions();
        var marker = $"late read {Guid.NewGuid():N}"; // this test's own exception, whatever other tests leave
        using var release = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        Thread? reader = null;
        await Should.ThrowAsync<FileReadException>(() => RegularFile.Bounded<int>(
            () =>
            {
                reader = Thread.CurrentThread;
                started.Set();
                release.Wait(TimeSpan.FromMinutes(1));
                throw new IOException(marker);
            },
            "/stalled", TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken));
        started.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken).ShouldBeTrue("the read started"); // a loaded machine may start it after the bound
        release.Set();
        Volatile.Read(ref reader).ShouldNotBeNull().Join(TimeSpan.FromSeconds(30)).ShouldBeTrue("the read's thread ended"); // it faulted the task first

        unobserved.FromClawker(); // finalizes the abandoned task
        unobserved.All.ShouldNotContain(e => e.Contains(marker, StringComparison.Ordinal), unobserved.ToString());
    }
}
