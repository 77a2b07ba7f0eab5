using System.Text;
using Clawker.Diagnostics;
using Clawker.Docker;
using Clawker.GlobalsLogin;
using Clawker.Keyring;
using Clawker.Tests.Keyring;

namespace Clawker.Tests.GlobalsLogin;

// The record file on its own (no engine): what makes a record match, what is never recorded, and
// files that are not a usable record of Clawker's, which never throw and are never replaced.
public sealed class GlobalsLoginRecordFileTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private const string Volume = "clawker-globals";
    private const string CreatedAt = "2026-12-02T06:00:00Z";

    private static readonly DockerEndpoint Endpoint = new(new Uri("unix:///run/test/docker.sock"), DockerEndpointSource.DockerHostVariable, "from DOCKER_HOST");

    private readonly TempDirectory _dir = new("clk-recfile-");
    private readonly string _token = ClaudeLogin.NewAccessToken();

    public void Dispose() => _dir.Dispose();

    private string File1 => _dir.Combine("obj", "record.json");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saved_pass_matches_only_its_engine_volume_creation_time_lifetime_and_expiry()
    {
        (await SaveAsync(Found(Now.AddDays(1)))).ShouldBeNull();
        var text = await File.ReadAllTextAsync(File1, Ct);
        text.ShouldNotContain(_token);

        var reused = (await ReuseAsync(Now.AddMinutes(1))).ShouldNotBeNull();
        reused.Outcome.ShouldBe(GlobalsLoginOutcome.LoginFound);
        reused.RecordedAt.ShouldBe(Now);
        reused.Notes.ShouldHaveSingleItem().ShouldContain(File1);
        reused.ToString().ShouldContain("2026-12-02 07:00 UTC (recorded)");

        (await ReuseAsync(Now.AddMinutes(1), endpoint: new DockerEndpoint(new Uri("unix:///run/other.sock"), DockerEndpointSource.DockerHostVariable, "other"))).ShouldBeNull();
        (await ReuseAsync(Now.AddMinutes(1), volume: "clawker-other")).ShouldBeNull();
        (await ReuseAsync(Now.AddMinutes(1), createdAt: "2026-12-02T06:00:01Z")).ShouldBeNull();
        (await ReuseAsync(Now.AddMinutes(1), createdAt: "")).ShouldBeNull();
        (await ReuseAsync(Now + GlobalsLoginRecord.Lifetime)).ShouldBeNull();
        (await ReuseAsync(Now.AddSeconds(-1))).ShouldBeNull();
    }

    [Fact]
    public async Task A_login_within_the_margin_of_its_expiry_is_not_reused()
    {
        await SaveAsync(Found(Now + GlobalsLoginRecord.ExpiryMargin + TimeSpan.FromMinutes(2)));

        (await ReuseAsync(Now.AddMinutes(1))).ShouldNotBeNull();
        (await ReuseAsync(Now.AddMinutes(3))).ShouldBeNull();
    }

    [Fact]
    public async Task No_login_is_reused_unless_seeding_would_act()
    {
        await SaveAsync(new GlobalsLoginReport(Volume, GlobalsLoginOutcome.NoLogin));

        (await ReuseAsync(Now.AddMinutes(1))).ShouldNotBeNull().Outcome.ShouldBe(GlobalsLoginOutcome.NoLogin);
        (await ReuseAsync(Now.AddMinutes(1), seed: true)).ShouldBeNull();
        (await SaveAsync(new GlobalsLoginReport(Volume, GlobalsLoginOutcome.NoLogin), seed: true, at: Now.AddMinutes(2))).ShouldBeNull();
        File.Exists(File1).ShouldBeFalse("a check that seeds records nothing, and voids what was recorded");
    }

    [Fact]
    public async Task A_check_with_a_finding_is_never_recorded_so_the_finding_is_seen_every_time()
    {
        var withFinding = new GlobalsLoginReport(Volume, GlobalsLoginOutcome.LoginFound)
        {
            Login = Found(Now.AddDays(1)).Login,
            Findings = [new ClawkerFinding(ClawkerPolicy.Warning, ErrorCodes.CredentialScopeMissing, "scope")],
        };
        var loginFinding = Found(Now.AddDays(1), scopes: ["user:profile"]);
        loginFinding.Login!.Findings.ShouldNotBeEmpty();

        await SaveAsync(withFinding);
        await SaveAsync(loginFinding);
        await SaveAsync(new GlobalsLoginReport(Volume, GlobalsLoginOutcome.Seeded) { Login = Found(Now.AddDays(1)).Login });
        await SaveAsync(new GlobalsLoginReport(Volume, GlobalsLoginOutcome.NoVolume));

        File.Exists(File1).ShouldBeFalse();
    }

    [Fact]
    public async Task A_verdict_that_is_not_recorded_deletes_the_earlier_record_so_it_never_answers_for_the_volume_as_it_was()
    {
        await SaveAsync(new GlobalsLoginReport(Volume, GlobalsLoginOutcome.NoLogin));
        await SaveAsync(new GlobalsLoginReport(Volume, GlobalsLoginOutcome.Seeded) { Login = Found(Now.AddDays(1)).Login }, seed: true);
        File.Exists(File1).ShouldBeFalse("seeded: the recorded 'no login' is gone");

        await SaveAsync(Found(Now.AddDays(1)));
        await SaveAsync(Found(Now.AddDays(1), scopes: ["user:profile"]));
        File.Exists(File1).ShouldBeFalse("a finding: the recorded pass is gone");

        await File.WriteAllTextAsync(File1, "someone else's", Ct);
        await SaveAsync(Found(Now.AddDays(1), scopes: ["user:profile"]));
        (await File.ReadAllTextAsync(File1, Ct)).ShouldBe("someone else's");
    }

    public static TheoryData<string, string> Unusable => new()
    {
        { "outcome a number", Record(outcome: "\"3\"") },
        { "outcome flags", Record(outcome: "\"NoVolume, NoLogin\"") },
        { "outcome padded", Record(outcome: "\" LoginFound\"") },
        { "outcome not recordable", Record(outcome: "\"Seeded\"") },
        { "checkedAt local", Record(checkedAt: "\"2026-12-02T07:00:00\"") },
        { "checkedAt an offset", Record(checkedAt: "\"2026-12-02T08:00:00+01:00\"") },
        { "checkedAt a number", Record(checkedAt: "1") },
        { "expiresAt year 1", Record(expiresAt: "\"0001-01-01T00:00:00Z\"") },
        { "expiresAt year 9999", Record(expiresAt: "\"9999-12-31T23:59:59Z\"") },
        { "version 2", Record(version: "2") },
        { "endpoint a lone surrogate", Record(endpoint: "\"\\uD800\"") },
        { "endpoint an object", Record(endpoint: "{}") },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task A_record_of_ours_this_version_cannot_use_is_not_reused_and_the_next_pass_replaces_it(string why, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File1)!);
        await File.WriteAllTextAsync(File1, text, Ct);

        (await ReuseAsync(Now.AddMinutes(1))).ShouldBeNull(why);
        (await SaveAsync(Found(Now.AddDays(1)), at: Now.AddMinutes(1))).ShouldBeNull(why);
        (await ReuseAsync(Now.AddMinutes(2))).ShouldNotBeNull(why).RecordedAt.ShouldBe(Now.AddMinutes(1));
    }

    public static TheoryData<string, byte[]> NotOurs => new()
    {
        { "a lone surrogate in the marker", Encoding.UTF8.GetBytes("{\"recordOf\":\"\\uD800\"}") },
        { "invalid UTF-8 in the marker", [.. "{\"recordOf\":\""u8, 0xFF, 0xFE, .. "\"}"u8] },
        { "invalid UTF-8 outside strings", [0xFF, 0xFE, 0x00, 0x7B] },
        { "the marker with another value", Encoding.UTF8.GetBytes("{\"recordOf\":\"clawker globals login check!\"}") },
        { "an array", Encoding.UTF8.GetBytes("[\"clawker globals login check\"]") },
        { "deep nesting", Encoding.UTF8.GetBytes(new string('[', 2000)) },
        { "over 4 KiB", Encoding.UTF8.GetBytes("{\"recordOf\":\"clawker globals login check\",\"x\":\"" + new string('x', 5000) + "\"}") },
    };

    [Theory]
    [MemberData(nameof(NotOurs))]
    public async Task A_file_that_is_not_a_record_of_Clawker_s_never_throws_and_is_left_as_it_is(string why, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File1)!);
        await File.WriteAllBytesAsync(File1, content, Ct);

        (await ReuseAsync(Now)).ShouldBeNull(why);
        (await SaveAsync(Found(Now.AddDays(1)))).ShouldNotBeNull(why).ShouldContain("left as it is");

        (await File.ReadAllBytesAsync(File1, Ct)).ShouldBe(content, why);
    }

    [Fact]
    public async Task A_path_Clawker_cannot_use_is_a_note_never_an_exception()
    {
        var options = new GlobalsLoginOptions { TimeProvider = new ClaudeCodeFixtures.FixedTime(Now) };
        foreach (var path in new[] { _dir.Combine("a\0b.json"), _dir.Combine("file-not-folder", "record.json") })
        {
            await File.WriteAllTextAsync(_dir.Combine("file-not-folder"), "a file where a folder would be", Ct);
            (await GlobalsLoginRecord.ReuseAsync(path, Endpoint, Volume, CreatedAt, options, Ct)).ShouldBeNull(path);
            (await GlobalsLoginRecord.SaveAsync(path, Endpoint, Volume, CreatedAt, Found(Now.AddDays(1)), options, Ct)).ShouldNotBeNull(path);
        }
    }

    private GlobalsLoginReport Found(DateTimeOffset expiresAt, IEnumerable<string>? scopes = null)
    {
        var time = new ClaudeCodeFixtures.FixedTime(Now);
        var environment = ClaudeCodeFixtures.Environment(_dir.Path);
        var stored = ClaudeCodeCredentials.Service(environment, time).Interpret(ClaudeLogin.Json(_token, expiresAt, scopes: scopes), $"volume {Volume}");
        return new GlobalsLoginReport(Volume, GlobalsLoginOutcome.LoginFound) { Login = ClaudeCodeCredentials.Result(stored, time, []) };
    }

    private Task<string?> SaveAsync(GlobalsLoginReport report, bool seed = false, DateTimeOffset? at = null) =>
        GlobalsLoginRecord.SaveAsync(File1, Endpoint, Volume, CreatedAt, report, new GlobalsLoginOptions { Seed = seed, TimeProvider = new ClaudeCodeFixtures.FixedTime(at ?? Now) }, Ct);

    private Task<GlobalsLoginReport?> ReuseAsync(DateTimeOffset now, DockerEndpoint? endpoint = null, string volume = Volume, string createdAt = CreatedAt, bool seed = false) =>
        GlobalsLoginRecord.ReuseAsync(File1, endpoint ?? Endpoint, volume, createdAt, new GlobalsLoginOptions { Seed = seed, TimeProvider = new ClaudeCodeFixtures.FixedTime(now) }, Ct);

    // A record as SaveAsync writes it for Endpoint, Volume and CreatedAt at Now, with one member replaced (JSON text).
    private static string Record(string version = "1", string? endpoint = null, string outcome = "\"LoginFound\"", string checkedAt = "\"2026-12-02T07:00:00Z\"", string expiresAt = "\"2026-12-03T07:00:00Z\"") =>
        $$"""{"recordOf":"clawker globals login check","version":{{version}},"endpoint":{{endpoint ?? "\"" + Endpoint + "\""}},"volume":"{{Volume}}","volumeCreatedAt":"{{CreatedAt}}","outcome":{{outcome}},"checkedAt":{{checkedAt}},"expiresAt":{{expiresAt}}}""";
}
