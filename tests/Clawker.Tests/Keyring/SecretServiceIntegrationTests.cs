#pragma warning disable xUnit1051 // every keyring call is bounded by the keyring timeout
using Clawker.Keyring.Backends;

namespace Clawker.Tests.Keyring;

/// <summary>
/// Against a real gnome-keyring on a private session bus (build/services/secret-service.sh
/// start). Each test uses its own service/user names, so they run in parallel on one keyring.
/// </summary>
public class SecretServiceIntegrationTests
{
    // The calls run with a 30 s keyring timeout, so failing "quickly" (well under it) proves no
    // wait for a prompt or the timeout, with room for a loaded machine. The tight figures are in
    // benchmarks/keyring-timeouts.sh.
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private static string? SharedBus => Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");

    private static string RequireSecretService()
    {
        var bus = SharedBus;
        Integration.Require(
            bus is not null && OnPath("secret-tool") && OnPath("dbus-daemon") && OnPath("gnome-keyring-daemon"),
            "needs a Secret Service: eval \"$(build/services/secret-service.sh start)\" (apt: gnome-keyring libsecret-tools dbus)");
        return bus!;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static IKeyring Keyring(string? bus, TimeSpan? timeout = null) => Keyrings.Create(new KeyringOptions
    {
        Backend = "secret-service",
        Timeout = timeout ?? Generous,
        Environment = ClawkerEnvironment.FromValues(
            bus is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = bus },
            "/nonexistent-home",
            "nobody"),
    });

    private static string Unique(string what) => $"clawker-test-{what}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Written_with_secret_tool_read_with_the_library()
    {
        var bus = RequireSecretService();
        var (service, user) = (Unique("svc"), Unique("user"));
        const string secret = "{\"claudeAiOauth\": {\"accessToken\": \"tok\"}}\nwith ✓ unicode";

        Run("secret-tool", ["store", $"--label=Password for '{user}' on '{service}'", "service", service, "username", user], secret, bus).Exit.ShouldBe(0);

        (await Keyring(bus).GetAsync(service, user)).ShouldBe(secret);
    }

    [Fact]
    public async Task An_infinite_keyring_timeout_reads_and_writes_with_no_bound()
    {
        // D-Bus calls get G_MAXINT (no timeout), not the 1 ms an infinite -1 ms once clamped to.
        var bus = RequireSecretService();
        var (service, user) = (Unique("svc"), Unique("user"));
        var keyring = Keyring(bus, Timeout.InfiniteTimeSpan);

        await keyring.SetAsync(service, user, "written without a bound");

        (await keyring.GetAsync(service, user)).ShouldBe("written without a bound");
    }

    [Fact]
    public async Task Written_with_the_library_read_with_secret_tool_as_a_go_keyring_item_and_store_replaces()
    {
        var bus = RequireSecretService();
        var (service, user) = (Unique("svc"), Unique("user"));
        var keyring = Keyring(bus);

        await keyring.SetAsync(service, user, "first");
        await keyring.SetAsync(service, user, "second ✓");

        var lookup = Run("secret-tool", ["lookup", "service", service, "username", user], null, bus);
        lookup.Exit.ShouldBe(0);
        lookup.Stdout.ShouldBe("second ✓");

        var search = Run("secret-tool", ["search", "--all", "service", service, "username", user], null, bus).Stdout;
        search.Split('\n').Count(l => l.StartsWith("label = ", StringComparison.Ordinal)).ShouldBe(1); // replaced, not added
        search.ShouldContain($"label = Password for '{user}' on '{service}'");
    }

    [Fact]
    public async Task An_item_that_is_not_UTF8_text_is_InvalidSchema_without_quoting_its_bytes()
    {
        var bus = RequireSecretService();
        var (service, user) = (Unique("svc"), Unique("user"));
        var store = new ProcessStartInfo("secret-tool") { RedirectStandardInput = true, Environment = { ["DBUS_SESSION_BUS_ADDRESS"] = bus } };
        foreach (var arg in new[] { "store", "--label=x", "service", service, "username", user })
        {
            store.ArgumentList.Add(arg);
        }

        using (var process = Process.Start(store)!)
        {
            process.StandardInput.BaseStream.Write([0x73, 0x6b, 0xff, 0xfe, 0x41]); // "sk", two bytes that are not UTF-8, "A"
            process.StandardInput.Close();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0);
        }

        var error = await Should.ThrowAsync<CredentialException>(() => Keyring(bus).GetAsync(service, user)).OfKind(CredentialErrorKind.InvalidSchema);
        error.Message.ShouldContain("not UTF-8");
        error.ToString().ShouldNotContain("[FF"); // the decoder's own message lists the bytes: "Unable to translate bytes [FF] ..."
        await Keyring(bus).DeleteAsync(service, user);
    }

    [Fact]
    public async Task Missing_item_is_NotFound()
    {
        var bus = RequireSecretService();
        var error = await Should.ThrowAsync<CredentialException>(() => Keyring(bus).GetAsync(Unique("svc"), "nobody")).OfKind(CredentialErrorKind.NotFound);
        error.Store.ShouldStartWith("Secret Service (service 'clawker-test-svc-");
    }

    [Fact]
    public async Task Delete_removes_the_item_and_reports_whether_there_was_one()
    {
        var bus = RequireSecretService();
        var (service, user) = (Unique("svc"), Unique("user"));
        var keyring = Keyring(bus);
        Run("secret-tool", ["store", "--label=x", "service", service, "username", user], "v", bus).Exit.ShouldBe(0);

        (await keyring.DeleteAsync(service, user)).ShouldBeTrue();
        (await keyring.DeleteAsync(service, user)).ShouldBeFalse();
        Run("secret-tool", ["lookup", "service", service, "username", user], null, bus).Exit.ShouldNotBe(0);
    }

    [Fact]
    public async Task Claude_Code_login_in_the_Secret_Service_is_found_and_named_by_its_source()
    {
        var bus = RequireSecretService();
        var user = Unique("user");
        var json = ClaudeCodeFixtures.Json(expiresAt: DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds());
        Run("secret-tool", ["store", "--label=x", "service", ClaudeCodeCredentials.KeychainServiceName, "username", user], json, bus).Exit.ShouldBe(0);
        using var home = new ClaudeCodeFixtures.TempHome();
        try
        {
            var result = await ClaudeCodeCredentials.CheckAsync(new CredentialCheckOptions
            {
                KeyringBackend = "secret-service",
                Environment = ClawkerEnvironment.FromValues(new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = bus }, home.Path, user),
            });

            result.Source.ShouldBe($"Secret Service (service 'Claude Code-credentials', user '{user}')");
            result.RawBlob!.Reveal().ShouldBe(json);
        }
        finally
        {
            await Keyring(bus).DeleteAsync(ClaudeCodeCredentials.KeychainServiceName, user);
        }
    }

    [Fact]
    public async Task Locked_collection_needing_a_prompt_is_Unavailable_quickly_for_reads_and_writes()
    {
        RequireSecretService();
        var (service, user) = (Unique("svc"), Unique("user"));
        using (var locked = LockedService.Start(service, user))
        {
            var keyring = Keyring(locked.Bus);

            var clock = Stopwatch.StartNew();
            var read = await Should.ThrowAsync<CredentialException>(() => keyring.GetAsync(service, user)).OfKind(CredentialErrorKind.Unavailable);
            var readTime = clock.Elapsed;
            clock.Restart();
            var write = await Should.ThrowAsync<CredentialException>(() => keyring.SetAsync(Unique("svc"), user, "v")).OfKind(CredentialErrorKind.Unavailable);
            var writeTime = clock.Elapsed;

            read.Message.ShouldContain("locked");
            write.Message.ShouldContain("locked");
            readTime.ShouldBeLessThan(Quickly);
            writeTime.ShouldBeLessThan(Quickly);
        }
    }

    [Fact]
    public async Task A_locked_duplicate_does_not_hide_an_unlocked_item_and_a_note_says_it_was_passed_over()
    {
        RequireSecretService();
        var (service, user) = (Unique("svc"), Unique("user"));
        using (var locked = LockedService.Start(service, user))
        {
            // The same service and user in the always-unlocked session collection, beside the locked login item.
            var bus = locked.Bus;
            Run("secret-tool", ["store", "--collection=session", "--label=unlocked", "service", service, "username", user, "origin", "session"], "unlocked-value", bus)
                .Exit.ShouldBe(0);

            var item = await ((TimedKeyring)Keyring(bus)).ReadAsync(service, user, TestContext.Current.CancellationToken);

            item.Secret.ShouldBe("unlocked-value");
            var note = item.Notes.ShouldHaveSingleItem();
            note.ShouldContain("1 more matching item");
            note.ShouldContain("locked");
            note.ShouldNotContain("value");
        }
    }

    [Fact]
    public async Task No_session_bus_is_Unavailable_quickly()
    {
        foreach (var bus in new string?[] { null, $"unix:path=/tmp/{Unique("no-bus")}/bus" })
        {
            var clock = Stopwatch.StartNew();
            var error = await Should.ThrowAsync<CredentialException>(() => Keyring(bus).GetAsync("svc", "user")).OfKind(CredentialErrorKind.Unavailable);
            clock.Elapsed.ShouldBeLessThan(Quickly);
            error.Message.ShouldContain(bus is null ? "no D-Bus session bus" : "cannot connect to the D-Bus session bus");
            error.Message.ShouldContain("CLAWKER_KEYRING=none");
        }
    }

    [Fact]
    public async Task Bus_without_a_Secret_Service_is_Unavailable_quickly_and_no_daemon_is_auto_started()
    {
        RequireSecretService();
        var dir = Directory.CreateTempSubdirectory("clawker-bare-bus-").FullName;
        var bus = $"unix:path={dir}/bus";
        var started = Run("dbus-daemon", ["--session", "--fork", "--nopidfile", $"--address={bus}", "--print-pid=1"], null, null);
        started.Exit.ShouldBe(0, started.Stderr);
        try
        {
            var clock = Stopwatch.StartNew();
            var error = await Should.ThrowAsync<CredentialException>(() => Keyring(bus).GetAsync("svc", "user")).OfKind(CredentialErrorKind.Unavailable);
            clock.Elapsed.ShouldBeLessThan(Quickly);
            error.Message.ShouldContain("nothing owns org.freedesktop.secrets");

            // gnome-keyring installs a D-Bus activation file for org.freedesktop.secrets; a careless
            // client would have started a daemon through it. Nothing owns the name afterwards.
            var owner = Run("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"], null, bus);
            owner.Stdout.ShouldContain("boolean false");
        }
        finally
        {
            Run("kill", [started.Stdout.Trim()], null, null);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_bus_that_never_answers_times_out_and_does_not_hold_up_calls_to_another_bus()
    {
        var bus = RequireSecretService();
        var dir = Directory.CreateTempSubdirectory("clawker-hung-bus-").FullName;
        try
        {
            // A socket that is listened on but never accepted: connecting works, authentication never answers.
            using var hung = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            hung.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(dir, "bus")));
            hung.Listen(8);
            var timeout = TimeSpan.FromMilliseconds(300);

            var clock = Stopwatch.StartNew();
            await Should.ThrowAsync<CredentialException>(() => Keyring($"unix:path={dir}/bus", timeout).GetAsync("svc", "user")).OfKind(CredentialErrorKind.Timeout);
            clock.Elapsed.ShouldBeLessThan(timeout + TimeSpan.FromSeconds(5), "bounded by the timeout, not by the silent bus");

            // The healthy bus under an address no other test uses, so this call must connect anew
            // while the abandoned connect above may still be running.
            var path = bus["unix:path=".Length..];
            var alias = $"unix:path={Path.GetDirectoryName(path)}/./{Path.GetFileName(path)}";
            clock.Restart();
            // Held up behind the abandoned connect, this would end in a timeout, not "not found".
            await Should.ThrowAsync<CredentialException>(() => Keyring(alias).GetAsync(Unique("svc"), "nobody")).OfKind(CredentialErrorKind.NotFound);
            clock.Elapsed.ShouldBeLessThan(Quickly);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Duplicate_items_for_one_service_and_user_use_the_most_recently_modified_and_say_so(bool firstRewrittenLast)
    {
        var bus = RequireSecretService();
        var configDir = Unique("config");
        var env = ClawkerEnvironment.FromValues(new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = bus, ["CLAUDE_CONFIG_DIR"] = configDir }, "/nonexistent-home", Unique("user"));
        var service = ClaudeCodeCredentials.KeychainService(env);
        string Login(string token) => $$$"""{"claudeAiOauth":{"accessToken":"{{{token}}}"}}""";

        // Two items both matching {service, username}; a different extra attribute keeps one from replacing the other.
        void Store(string origin, string token) =>
            Run("secret-tool", ["store", $"--label={origin}", "service", service, "username", env.UserName, "origin", origin], Login(token), bus).Exit.ShouldBe(0);
        var second = TimeSpan.FromSeconds(1.5); // Modified has a resolution of one second
        Store("first", "sk-ant-oat01-first");
        await Task.Delay(second);
        Store("second", "sk-ant-oat01-second");
        if (firstRewrittenLast)
        {
            // Rewritten in place: created first, modified last.
            await Task.Delay(second);
            Store("first", "sk-ant-oat01-first-refreshed");
        }

        try
        {
            var result = await ClaudeCodeCredentials.CheckAsync(new CredentialCheckOptions { KeyringBackend = "secret-service", Environment = env });

            result.Credential!.AccessToken.Reveal().ShouldBe(firstRewrittenLast ? "sk-ant-oat01-first-refreshed" : "sk-ant-oat01-second");
            var note = result.Notes.ShouldHaveSingleItem();
            note.ShouldContain("2 items match");
            note.ShouldContain("used the most recently modified");
            note.ShouldNotContain("sk-ant");
        }
        finally
        {
            Run("secret-tool", ["clear", "service", service, "username", env.UserName], null, bus);
        }
    }

    /// <summary>A second gnome-keyring whose login collection is locked (Services/locked-secret-service.sh), stopped on dispose.</summary>
    private sealed class LockedService : IDisposable
    {
        private static readonly string Script = Path.Combine(RepoRoot.Path, "tests", "Clawker.Tests", "Keyring", "Services", "locked-secret-service.sh");
        private readonly Dictionary<string, string> _exports;

        private LockedService(Dictionary<string, string> exports) => _exports = exports;

        public string Bus => _exports["LOCKED_BUS_ADDRESS"];

        public static LockedService Start(string service, string user)
        {
            var started = Run("bash", [Script, "start", service, user], null, null);
            started.Exit.ShouldBe(0, started.Stderr);
            return new LockedService(started.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l["export ".Length..].Split('=', 2))
                .ToDictionary(kv => kv[0], kv => kv[1].Trim('\'')));
        }

        public void Dispose() => Run("bash", [Script, "stop", _exports["LOCKED_DIR"]], null, null);
    }

    private static (int Exit, string Stdout, string Stderr) Run(string file, string[] args, string? stdin, string? bus)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (bus is not null)
        {
            start.Environment["DBUS_SESSION_BUS_ADDRESS"] = bus;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
