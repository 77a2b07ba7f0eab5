using System.Text;
using Clawker.Docker;
using Clawker.GlobalsLogin;
using Clawker.Tests.Infrastructure;
using Clawker.Tests.Keyring;

namespace Clawker.Tests.Docker;

/// <summary>
/// The record of a passed volume check (<see cref="GlobalsLoginOptions.RecordFile"/>) on the
/// private dockerd (and podman in its pass): a check soon after another creates no helper
/// container; a changed volume, an old record, a login near its expiry or seeding read the volume
/// again; a file that is not Clawker's record is never overwritten; no token is ever in the file.
/// </summary>
public sealed class GlobalsLoginRecordTests : IAsyncLifetime
{
    private const string HelperCreate = "POST /containers/create";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _token = ClaudeLogin.NewAccessToken();
    private readonly string _refresh = "sk-ant-ort01-clawkertest-" + Guid.NewGuid().ToString("N");
    private readonly TempDirectory _dir = new("clk-record-");
    private readonly RequestCounter _requests = new();

    private DockerEngine? _engine;
    private GlobalsLoginVolume? _volume;

    private DockerEngine Engine => _engine!;

    private GlobalsLoginVolume Volume => _volume!;

    private string Record => _dir.Combine("clawker-globals-login.json");

    public async ValueTask InitializeAsync()
    {
        Integration.Require(BusyboxImage.Available, $"{BusyboxImage.HostBusybox} is missing (apt-get install busybox-static)");
        _engine = await TestEngine.ConnectAsync(_requests, Ct);
        _volume = await GlobalsLoginVolume.CreateAsync(_engine, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_volume is not null)
        {
            await _volume.DisposeAsync();
        }

        _engine?.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_passed_check_is_recorded_without_its_token_and_the_next_check_creates_no_helper()
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token, refreshToken: _refresh), Ct);
        _requests.Reset();
        await PastTheCreatedAtSecondAsync();

        var first = await CheckAsync();
        var firstHelpers = HelpersCreatedSinceLastCall();
        var written = await File.ReadAllTextAsync(Record, Ct);
        await PastTheCreatedAtSecondAsync();
        var second = await CheckAsync();

        first.Outcome.ShouldBe(GlobalsLoginOutcome.LoginFound);
        first.RecordedAt.ShouldBeNull();
        firstHelpers.ShouldBe(1);
        written.ShouldNotContain(_token);
        written.ShouldNotContain(_refresh);
        written.ShouldContain(Volume.Name);
        second.Outcome.ShouldBe(GlobalsLoginOutcome.LoginFound);
        second.Login.ShouldBeNull();
        second.RecordedAt.ShouldNotBeNull();
        second.Notes.ShouldHaveSingleItem().ShouldContain(Record);
        second.ToString().ShouldContain("recorded");
        HelpersCreatedSinceLastCall().ShouldBe(0);
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task No_login_is_recorded_too_but_seeding_reads_the_volume_again()
    {
        await PastTheCreatedAtSecondAsync();
        (await CheckAsync()).Outcome.ShouldBe(GlobalsLoginOutcome.NoLogin);
        await PastTheCreatedAtSecondAsync();
        (await CheckAsync()).RecordedAt.ShouldNotBeNull();
        _requests.Reset();

        var seeded = await CheckAsync(Volume.Options(seed: true, hostLogin: ClaudeLogin.Json(_token)));

        seeded.Outcome.ShouldBe(GlobalsLoginOutcome.Seeded);
        _requests.Requests.Count(r => r.StartsWith(HelperCreate, StringComparison.Ordinal)).ShouldBe(1);
        File.Exists(Record).ShouldBeFalse("the recorded 'no login' no longer holds once the volume is seeded");
        (await CheckAsync()).RecordedAt.ShouldBeNull();
        (await File.ReadAllTextAsync(Record, Ct)).ShouldNotContain(_token);
    }

    [Fact]
    public async Task A_record_older_than_its_lifetime_or_from_the_future_is_not_used()
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token, refreshToken: _refresh), Ct);
        await CheckAsync();

        var later = await CheckAsync(Volume.Options(), DateTimeOffset.UtcNow + GlobalsLoginRecord.Lifetime + TimeSpan.FromMinutes(1));
        var earlier = await CheckAsync(Volume.Options(), DateTimeOffset.UtcNow - TimeSpan.FromHours(1));

        later.RecordedAt.ShouldBeNull();
        later.Login.ShouldNotBeNull();
        earlier.RecordedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_login_near_its_expiry_is_read_again()
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token, DateTimeOffset.UtcNow + GlobalsLoginRecord.ExpiryMargin + TimeSpan.FromMinutes(2)), Ct);
        await CheckAsync();

        var soon = await CheckAsync(Volume.Options(), DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3));

        soon.RecordedAt.ShouldBeNull();
        soon.Login.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_volume_made_again_under_the_same_name_is_read_again()
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token, refreshToken: _refresh), Ct);
        await CheckAsync();
        // The record of another volume of the same name (its creation time differs).
        var text = await File.ReadAllTextAsync(Record, Ct);
        var created = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("volumeCreatedAt").GetString()!;
        await File.WriteAllTextAsync(Record, text.Replace(created, "2001-01-01T00:00:00Z", StringComparison.Ordinal), Ct);

        var again = await CheckAsync();

        again.RecordedAt.ShouldBeNull();
        again.Login.ShouldNotBeNull();
        (await File.ReadAllTextAsync(Record, Ct)).ShouldContain(created);
    }

    public static TheoryData<string> NotOurs => ["plain", "other-json", "large", "directory", "link", "fifo"];

    [Theory]
    [MemberData(nameof(NotOurs))]
    public async Task A_file_that_is_not_Clawker_s_record_is_left_as_it_is_and_the_volume_is_read(string kind)
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token, refreshToken: _refresh), Ct);
        var target = _dir.Combine("someone-elses.txt");
        await File.WriteAllTextAsync(target, "keep me", Ct);
        switch (kind)
        {
            case "plain": await File.WriteAllTextAsync(Record, "the user's notes", Ct); break;
            case "other-json": await File.WriteAllTextAsync(Record, """{"recordOf":"something else","version":1}""", Ct); break;
            case "large": await File.WriteAllTextAsync(Record, "{\"recordOf\":\"clawker globals login check\",\"pad\":\"" + new string('x', 10_000) + "\"}", Ct); break;
            case "directory": Directory.CreateDirectory(Record); break;
            case "link": File.CreateSymbolicLink(Record, target); break;
            case "fifo": Mkfifo(Record); break;
        }

        var before = Snapshot();

        for (var i = 0; i < 2; i++)
        {
            var report = await CheckAsync();
            report.RecordedAt.ShouldBeNull();
            report.Login.ShouldNotBeNull();
            report.Notes.ShouldContain(n => n.Contains("not a record Clawker wrote", StringComparison.Ordinal));
        }

        Snapshot().ShouldBe(before);
        (await File.ReadAllTextAsync(target, Ct)).ShouldBe("keep me");
    }

    [Fact]
    public async Task A_record_of_ours_that_this_version_cannot_use_is_replaced()
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token, refreshToken: _refresh), Ct);
        await File.WriteAllTextAsync(Record, """{"recordOf":"clawker globals login check","version":99,"checkedAt":"garbage"}""", Ct);

        var first = await CheckAsync();
        var second = await CheckAsync();

        first.RecordedAt.ShouldBeNull();
        first.Notes.ShouldNotContain(n => n.Contains("not a record", StringComparison.Ordinal));
        second.RecordedAt.ShouldNotBeNull();
    }

    private async Task<GlobalsLoginReport> CheckAsync(GlobalsLoginOptions? options = null, DateTimeOffset? now = null)
    {
        options ??= Volume.Options();
        options = new GlobalsLoginOptions
        {
            Endpoint = options.Endpoint,
            VolumeName = options.VolumeName,
            Seed = options.Seed,
            HostLogin = options.HostLogin,
            RecordFile = Record,
            TimeProvider = now is { } at ? new ClaudeCodeFixtures.FixedTime(at) : TimeProvider.System,
        };
        return await GlobalsLoginCheck.CheckAsync(Engine, options, Ct);
    }

    // dockerd's CreatedAt of a local volume is its folder's change time, to the second: a check that
    // changed it (a helper mount that copies the image's folder into an empty volume) shows only
    // once a second has passed since the volume was made and since that check.
    private static Task PastTheCreatedAtSecondAsync() => Task.Delay(TimeSpan.FromSeconds(1.2), Ct);

    private int HelpersCreatedSinceLastCall()
    {
        var count = _requests.Requests.Count(r => r.StartsWith(HelperCreate, StringComparison.Ordinal));
        _requests.Reset();
        return count;
    }

    // What is at the record's path (kind, and content when a regular file) and what else is in the folder.
    private string Snapshot()
    {
        var link = new FileInfo(Record).LinkTarget;
        var kind = Clawker.IO.RegularFile.KindOf(Record);
        var content = link is null && kind == Clawker.IO.FileKind.Regular ? File.ReadAllText(Record) : string.Empty;
        return $"{link}|{kind}|{content}|" + string.Join(",", Directory.GetFileSystemEntries(_dir.Path).Order(StringComparer.Ordinal));
    }

    private static void Mkfifo(string path)
    {
        using var process = System.Diagnostics.Process.Start("mkfifo", [path])!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
    }
}
