using System.Diagnostics;
using Clawker.Docker;
using Clawker.GlobalsLogin;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.GlobalsLogin;

/// <summary>
/// A helper container whose create request fails after the engine got it (the engine may have made
/// it): Clawker looks it up by the name it chose before asking (and removes it by ID if it is the
/// one asked for: on the real engines, GlobalsLoginIntegrationTests), and the caller sees the
/// create's own failure. Against <see cref="HostileEngine"/>, which answers the image inspect with
/// Clawker's volume-helper image so the create is reached.
/// </summary>
public sealed class VolumeHelperCreateFailureTests : IDisposable
{
    private const string Create = "POST /containers/create";

    // Literal, not Clawker's constants: the fake shows what a real engine would hold.
    private static readonly Dictionary<string, string> HelperImageLabels = new()
    {
        ["com.clawker.managed"] = "true",
        ["com.clawker.purpose"] = "volume-helper",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Short: unix socket paths are limited to ~107 characters.
    private readonly TempDirectory _dir = new("clk-");

    public void Dispose() => _dir.Dispose();

    public static TheoryData<Hostility> Hostilities() => [.. Enum.GetValues<Hostility>()];

    [Theory]
    [MemberData(nameof(Hostilities))]
    public async Task A_create_that_fails_is_its_coded_error_after_a_look_up_by_the_name_it_asked_for(Hostility hostility)
    {
        await using var fake = new HostileEngine(_dir.Combine("e.sock"), Create, hostility, imageLabels: HelperImageLabels);
        using var engine = await DockerEngine.ConnectAsync(Options(fake), Ct);
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<DockerEngineException>(() => VolumeHelper.CreateAsync(engine, "clawker-globals", writable: false, Ct));

        clock.Elapsed.ShouldBeLessThan(HostileOutcome.TimeBound);
        error.Code.ShouldStartWith("CLAWKER200");
        ShouldHaveLookedUpByName(fake);
    }

    [Fact]
    public async Task A_create_cancelled_after_the_engine_got_it_is_looked_up_by_name_with_its_own_bound()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var fake = new HostileEngine(_dir.Combine("e.sock"), Create, async (f, _) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, f.Stopping);
        }, imageLabels: HelperImageLabels);
        using var engine = await DockerEngine.ConnectAsync(Options(fake), Ct);
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<OperationCanceledException>(() => VolumeHelper.CreateAsync(engine, "clawker-globals", writable: false, cancel.Token));

        clock.Elapsed.ShouldBeLessThan(HostileOutcome.TimeBound);
        ShouldHaveLookedUpByName(fake);
    }

    [Fact]
    public async Task A_conflict_answer_removes_nothing_the_name_is_someone_elses()
    {
        const string Body = """{"message":"Conflict. The container name is already in use by container \"0123\"."}""";
        await using var fake = new HostileEngine(_dir.Combine("e.sock"), Create, (f, s) => f.SendAsync(s,
            $"HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\nContent-Length: {Body.Length}\r\nConnection: close\r\n\r\n{Body}"), imageLabels: HelperImageLabels);
        using var engine = await DockerEngine.ConnectAsync(Options(fake), Ct);

        var error = await Should.ThrowAsync<DockerEngineException>(() => VolumeHelper.CreateAsync(engine, "clawker-globals", writable: false, Ct)).OfKind(DockerEngineErrorKind.RequestFailed);

        error.StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
        fake.TargetHit.ShouldBeTrue();
        fake.Requests.ShouldNotContain(r => r.StartsWith("DELETE ", StringComparison.Ordinal));
    }

    private static void ShouldHaveLookedUpByName(HostileEngine fake)
    {
        var create = fake.RequestTargets.Where(t => t.StartsWith(Create, StringComparison.Ordinal)).ShouldHaveSingleItem();
        var name = Query(create)["name"];
        name.ShouldNotBeNull();
        name.ShouldMatch("^clawker-volume-helper-[0-9a-f]{12}$");
        fake.RequestTargets.ShouldContain($"GET /containers/{name}/json");
        // The fake knows no such container: nothing is removed by name or otherwise.
        fake.Requests.ShouldNotContain(r => r.StartsWith("DELETE ", StringComparison.Ordinal));
    }

    private static System.Collections.Specialized.NameValueCollection Query(string request) =>
        System.Web.HttpUtility.ParseQueryString(new Uri("http://engine" + request[(request.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Query);

    private static DockerEndpointOptions Options(HostileEngine fake) => new()
    {
        Host = fake.Host,
        HostOptionName = "the test's host",
        ConnectTimeout = HostileOutcome.Timeout,
        RequestTimeout = HostileOutcome.Timeout,
    };
}
