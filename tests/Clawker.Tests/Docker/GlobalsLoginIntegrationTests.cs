using System.Formats.Tar;
using Clawker.Diagnostics;
using Clawker.Docker;
using Clawker.GlobalsLogin;
using Clawker.Keyring;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Docker;

/// <summary>
/// The login on the globals volume, read and seeded on the private dockerd (and, in the podman
/// pass, on podman): each test has a volume of its own, and checks that no helper container is left.
/// </summary>
public sealed class GlobalsLoginIntegrationTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _token = ClaudeLogin.NewAccessToken();

    private DockerEngine? _engine;
    private GlobalsLoginVolume? _volume;

    private DockerEngine Engine => _engine!;

    private GlobalsLoginVolume Volume => _volume!;

    public async ValueTask InitializeAsync()
    {
        Integration.Require(BusyboxImage.Available, $"{BusyboxImage.HostBusybox} is missing (apt-get install busybox-static)");
        _engine = await TestEngine.ConnectAsync(cancellationToken: Ct);
        _volume = await GlobalsLoginVolume.CreateAsync(_engine, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_volume is not null)
        {
            await _volume.DisposeAsync();
        }

        _engine?.Dispose();
    }

    [Fact]
    public async Task A_valid_login_on_the_volume_is_read_through_the_pipeline_and_no_helper_is_left()
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token), Ct);

        var report = await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct);

        report.Outcome.ShouldBe(GlobalsLoginOutcome.LoginFound);
        report.Source.ShouldBe($"volume {Volume.Name}");
        report.Login!.Source.ShouldBe($"volume {Volume.Name}");
        report.Login.Credential!.AccessToken.Reveal().ShouldBe(_token);
        report.Login.SubscriptionType.ShouldBe("max");
        report.Findings.ShouldBeEmpty();
        report.ToString().ShouldNotContain(_token);
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_expired_login_without_refresh_token_fails_with_CLAWKER1004_naming_the_volume_and_no_helper_is_left()
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token, ClaudeLogin.Past, refreshToken: null), Ct);

        var failure = await Should.ThrowAsync<CredentialException>(() => GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct)).OfKind(CredentialErrorKind.Expired);

        failure.Code.ShouldBe(ErrorCodes.CredentialExpired);
        failure.Store.ShouldBe($"volume {Volume.Name}");
        failure.ToString().ShouldNotContain(_token);
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_expired_login_with_refresh_token_is_the_refreshable_finding()
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token, ClaudeLogin.Past), Ct);

        var report = await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct);

        report.Findings.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.CredentialExpiredRefreshable);
        report.Findings[0].Message.ShouldContain($"volume {Volume.Name}");
    }

    [Fact]
    public async Task No_login_on_the_volume_is_a_note_that_the_first_agent_will_ask_for_login()
    {

        var report = await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct);

        report.Outcome.ShouldBe(GlobalsLoginOutcome.NoLogin);
        report.Findings.ShouldBeEmpty();
        report.Notes.ShouldHaveSingleItem().ShouldContain("the first agent will ask for /login");
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_volume_is_a_note_and_makes_no_helper()
    {
        var options = new GlobalsLoginOptions { Endpoint = TestEngine.Options, VolumeName = ClawkerVolumes.Name(TestEngine.NewPurpose()) };

        var report = await GlobalsLoginCheck.CheckAsync(Engine, options, Ct);

        report.Outcome.ShouldBe(GlobalsLoginOutcome.NoVolume);
        report.Notes.ShouldHaveSingleItem().ShouldContain("does not exist yet");
    }

    [Fact]
    public async Task A_malformed_login_is_the_invalid_schema_sentinel_without_its_content_and_no_helper_is_left()
    {
        await Volume.PlantAsync($"{{\"claudeAiOauth\": {{\"accessToken\": \"{_token}\", \"expiresAt\": \"{_token}\"", Ct);

        var failure = await Should.ThrowAsync<CredentialException>(() => GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct)).OfKind(CredentialErrorKind.InvalidSchema);

        failure.Store.ShouldBe($"volume {Volume.Name}");
        failure.ToString().ShouldNotContain(_token);
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_link_in_the_logins_place_is_refused_and_not_followed()
    {
        await Volume.PlantAsync(tar =>
        {
            using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ClaudeLogin.Json(_token)));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "other.json") { DataStream = data });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, ".credentials.json") { LinkName = "other.json" });
        }, Ct);

        // Docker archives the link itself; podman follows it and archives other.json: both refused.
        var failure = await Should.ThrowAsync<CredentialException>(() => GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct)).OfKind(CredentialErrorKind.InvalidSchema);

        failure.Message.ShouldContain("link");
        failure.ToString().ShouldNotContain(_token);
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_folder_in_the_logins_place_is_refused()
    {
        await Volume.PlantAsync(tar => tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, ".credentials.json/")), Ct);

        var failure = await Should.ThrowAsync<CredentialException>(() => GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct)).OfKind(CredentialErrorKind.InvalidSchema);

        failure.Message.ShouldContain("folder");
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    public static TheoryData<string, bool> RefusedLogins() => new()
    {
        { "malformed", false }, { "malformed", true }, { "oversize", false }, { "oversize", true }, { "folder", false }, { "folder", true },
    };

    [Theory]
    [MemberData(nameof(RefusedLogins))]
    public async Task A_check_or_seed_refused_midway_leaves_no_helper_and_the_volume_as_it_was(string planted, bool seed)
    {
        var text = planted == "oversize" ? ClaudeLogin.Json(_token) + new string(' ', (int)ClaudeCodeCredentials.MaxFileBytes) : "{\"claudeAiOauth\": ";
        if (planted == "folder")
        {
            await Volume.PlantAsync(tar => tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, ".credentials.json/")), Ct);
        }
        else
        {
            await Volume.PlantAsync(text, Ct);
        }

        var failure = await Should.ThrowAsync<CredentialException>(() => GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(seed, seed ? ClaudeLogin.Json(ClaudeLogin.NewAccessToken()) : null), Ct))
            .OfKind(CredentialErrorKind.InvalidSchema);

        failure.ToString().ShouldNotContain(_token);
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
        var unchanged = planted == "folder" ? "test -d /v/.credentials.json" : $"test \"$(wc -c < /v/.credentials.json)\" -eq {System.Text.Encoding.UTF8.GetByteCount(text)}";
        (await Volume.RunAsync(unchanged, Ct)).ShouldBe(0L);
    }

    [Theory]
    [InlineData("/containers/create", "POST", false)]
    [InlineData("/archive", "PUT", true)]
    public async Task A_check_cancelled_after_the_engine_did_the_work_leaves_no_helper(string path, string method, bool seed)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // The engine makes the container (or writes the login), and the caller never hears its answer.
        using var cancelling = await TestEngine.ConnectCancellingAsync(path, cancel, Ct, new HttpMethod(method), afterAnswer: true);

        await Should.ThrowAsync<OperationCanceledException>(() => GlobalsLoginCheck.CheckAsync(cancelling, Volume.Options(seed, seed ? ClaudeLogin.Json(_token) : null), cancel.Token));

        cancel.IsCancellationRequested.ShouldBeTrue($"the check never sent {method} {path}");
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_check_leaves_no_helper_container()
    {
        await Volume.PlantAsync(ClaudeLogin.Json(_token), Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Cancelled the moment the helper container exists and the read is sent.
        using var cancelling = await TestEngine.ConnectCancellingAsync("/archive", cancel, Ct);

        await Should.ThrowAsync<OperationCanceledException>(() => GlobalsLoginCheck.CheckAsync(cancelling, Volume.Options(), cancel.Token));

        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Seeding_writes_the_host_login_verbatim_with_mode_0600_and_the_agents_owner()
    {
        var host = ClaudeLogin.Json(_token) + "\n";

        var report = await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(seed: true, hostLogin: host, uid: "1234", gid: "2345"), Ct);

        report.Outcome.ShouldBe(GlobalsLoginOutcome.Seeded);
        report.Login!.RawBlob!.Reveal().ShouldBe(host);
        var warning = report.Findings.ShouldHaveSingleItem();
        warning.Code.ShouldBe(ErrorCodes.GlobalsLoginSeeded);
        warning.Message.ShouldContain("share one refresh token");
        warning.Message.ShouldContain("claude setup-token");
        warning.Message.ShouldNotContain(_token);
        // Checked from a container: mode, owner, and the bytes (-s: the size of what was written).
        (await Volume.RunAsync(
            $"set -- $(ls -ln /v/.credentials.json) && test \"$1\" = -rw------- && test \"$3\" = 1234 && test \"$4\" = 2345 && test \"$5\" = {System.Text.Encoding.UTF8.GetByteCount(host)}",
            Ct)).ShouldBe(0L);
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();

        var again = await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct);
        again.Outcome.ShouldBe(GlobalsLoginOutcome.LoginFound);
        again.Login!.RawBlob!.Reveal().ShouldBe(host);
    }

    [Fact]
    public async Task Seeding_never_writes_over_an_existing_login()
    {
        var agents = ClaudeLogin.Json(ClaudeLogin.NewAccessToken());
        await Volume.PlantAsync(agents, Ct);

        var report = await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(seed: true, hostLogin: ClaudeLogin.Json(_token)), Ct);

        report.Outcome.ShouldBe(GlobalsLoginOutcome.LoginFound);
        report.Login!.RawBlob!.Reveal().ShouldBe(agents);
        report.Findings.ShouldBeEmpty();
        (await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct)).Login!.RawBlob!.Reveal().ShouldBe(agents);
    }

    [Fact]
    public async Task A_login_that_appears_after_the_read_is_seen_by_the_look_before_the_write_and_kept()
    {
        var agents = ClaudeLogin.Json(ClaudeLogin.NewAccessToken());
        // An agent finishes /login after the read found nothing, right before the look (HEAD) that precedes the write.
        using var racing = await TestEngine.ConnectInterceptingAsync("/archive", HttpMethod.Head, async send =>
        {
            await Volume.PlantAsync(agents, Ct);
            return await send();
        }, Ct);

        var report = await GlobalsLoginCheck.CheckAsync(racing, Volume.Options(seed: true, hostLogin: ClaudeLogin.Json(_token)), Ct);

        report.Outcome.ShouldBe(GlobalsLoginOutcome.NoLogin);
        report.Findings.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.GlobalsLoginNotSeeded);
        (await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct)).Login!.RawBlob!.Reveal().ShouldBe(agents);
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_container_someone_else_runs_under_the_helpers_name_after_a_failed_create_is_left_alone()
    {
        string? foreign = null;
        // The name is taken by another party, then our create is lost on the way (the engine never sees it).
        using var failing = await TestEngine.ConnectInterceptingAsync("/containers/create", HttpMethod.Post, async (request, send) =>
        {
            var name = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["name"].ShouldNotBeNull();
            foreign = await Volume.StartForeignAsync(name, Ct);
            throw new HttpRequestException("lost on the way");
        }, Ct);
        try
        {
            var failure = await Should.ThrowAsync<DockerEngineException>(() => GlobalsLoginCheck.CheckAsync(failing, Volume.Options(), Ct));

            foreign.ShouldNotBeNull($"the check never sent its create: {failure}");
            var after = await Engine.Client.Containers.ListContainersAsync(new global::Docker.DotNet.Models.ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["id"] = new Dictionary<string, bool> { [foreign] = true } },
            }, Ct);
            after.ShouldHaveSingleItem("a container Clawker did not make was removed").State.ShouldBe("running", "a container Clawker did not make was stopped");
        }
        finally
        {
            if (foreign is not null)
            {
                await Volume.RemoveForeignAsync(foreign);
            }
        }
    }

    [Fact]
    public async Task A_folder_made_between_the_look_and_the_write_is_refused_by_the_engine_and_kept()
    {
        // Something makes a folder at the login's path right after the look (HEAD) found nothing.
        using var racing = await TestEngine.ConnectInterceptingAsync("/archive", HttpMethod.Head, async send =>
        {
            var answer = await send();
            await Volume.PlantAsync(tar => tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, ".credentials.json/")), Ct);
            await Volume.PlantAsync(tar =>
            {
                using var data = new MemoryStream("keep"u8.ToArray());
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, ".credentials.json/inside") { DataStream = data });
            }, Ct);
            return answer;
        }, Ct);

        var failure = await Should.ThrowAsync<DockerEngineException>(() => GlobalsLoginCheck.CheckAsync(racing, Volume.Options(seed: true, hostLogin: ClaudeLogin.Json(_token)), Ct));

        failure.ToString().ShouldNotContain(_token);
        (await Volume.RunAsync("test -d /v/.credentials.json && test \"$(cat /v/.credentials.json/inside)\" = keep", Ct)).ShouldBe(0L);
        (await Volume.HelpersLeftAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Seeding_without_a_host_login_is_a_CLAWKER1022_warning_and_writes_nothing()
    {

        var report = await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(seed: true), Ct);

        report.Outcome.ShouldBe(GlobalsLoginOutcome.NoLogin);
        report.Findings.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.GlobalsLoginNotSeeded);
        (await Volume.RunAsync("test ! -e /v/.credentials.json", Ct)).ShouldBe(0L);
    }

    [Fact]
    public async Task The_helper_image_is_made_locally_and_labelled_as_clawkers()
    {
        await GlobalsLoginCheck.CheckAsync(Engine, Volume.Options(), Ct);

        var image = await Engine.Client.Images.InspectImageAsync("clawker-volume-helper:1", Ct);

        var labels = image.Config?.Labels;
        labels.ShouldNotBeNull();
        labels.ShouldContainKeyAndValue("com.clawker.managed", "true");
        labels.ShouldContainKeyAndValue("com.clawker.purpose", "volume-helper");
    }
}
