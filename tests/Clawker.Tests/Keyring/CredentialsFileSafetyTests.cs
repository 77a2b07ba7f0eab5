using System.Runtime.CompilerServices;
using static Clawker.Tests.Keyring.ClaudeCodeFixtures;

namespace Clawker.Tests.Keyring;

/// <summary>
/// Claude Code's credentials file as anything but a well-formed login: each is a coded error or
/// a documented acceptance, in bounded time, never quoting the file.
/// </summary>
public sealed class CredentialsFileSafetyTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private Task<CredentialCheckResult> CheckAsync(IKeyring? keyring = null) =>
        ClaudeCodeCredentials.CheckAsync(Options(keyring ?? new InMemoryKeyring(), _home.Path), TestContext.Current.CancellationToken);

    public static TheoryData<string> Shapes => [.. HostileFiles.Shapes];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_fifo_device_folder_or_huge_file_is_a_bounded_InvalidSchema(string shape)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs and /dev/zero are Unix");
        HostileFiles.Place(_home.CredentialsFile, shape);

        var clock = Stopwatch.StartNew();
        // Bounded here as well: before the fix a FIFO blocked the read forever and /dev/zero ran out of memory.
        var error = await Should.ThrowAsync<CredentialException>(
            Task.Run(() => CheckAsync(), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).OfKind(CredentialErrorKind.InvalidSchema);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        error.Code.ShouldBe("CLAWKER1003");
        error.Message.ShouldContain(_home.CredentialsFile);
        error.Message.ShouldContain("Remove it");
    }

    [Fact]
    public async Task Invalid_UTF8_is_refused_with_its_offset_as_the_keychain_refuses_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_home.CredentialsFile)!);
        var json = Encoding.UTF8.GetBytes(Json());
        var at = Array.IndexOf(json, (byte)'K'); // inside the access token
        json[at] = 0xFF;
        await File.WriteAllBytesAsync(_home.CredentialsFile, json, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<CredentialException>(() => CheckAsync()).OfKind(CredentialErrorKind.InvalidSchema);

        error.Message.ShouldContain($"not valid UTF-8 text (at byte {at})");
        error.ToString().ShouldNotContain("NOWN-ACCESS");
    }

    [Fact]
    public async Task A_BOM_is_accepted_from_the_file_and_from_the_keychain_alike_and_dropped_from_the_raw_blob()
    {
        _home.WithFile("\uFEFF" + Json());
        var fromFile = await CheckAsync();
        var fromKeychain = await CheckAsync(await KeyringWith("\uFEFF" + Json()));

        foreach (var result in new[] { fromFile, fromKeychain })
        {
            result.Credential!.AccessToken.Reveal().ShouldBe(AccessToken);
            result.RawBlob!.Reveal().ShouldBe(Json());
        }
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "NUL outside a string", Json() + "\0" },
        { "NUL inside the token", Json(accessToken: AccessToken + "\0") },
        { "10,000 levels", "{\"claudeAiOauth\":{\"accessToken\":\"" + AccessToken + "\"},\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}" },
        { "expiresAt as a string", Json(expiresAt: "\"1767225600000\"") },
        { "expiresAt as a float", Json(expiresAt: "1767225600000.5") },
        { "expiresAt as 1e30", Json(expiresAt: "1e30") },
        { "expiresAt as 1e12", Json(expiresAt: "1.7e12") },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Odd_shapes_are_InvalidSchema_in_bounded_time_without_content(string why, string content)
    {
        _home.WithFile(content);
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<CredentialException>(() => CheckAsync()).OfKind(CredentialErrorKind.InvalidSchema);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), why);
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            e.ToString().ShouldNotContain("KNOWN-ACCESS", customMessage: why);
        }

        if (why.StartsWith("expiresAt", StringComparison.Ordinal))
        {
            error.Message.ShouldContain("'claudeAiOauth.expiresAt' is not an integer number of milliseconds");
        }
        else
        {
            error.Message.ShouldContain("not valid JSON of the expected shape (line ");
        }
    }

    [Fact]
    public async Task Duplicate_keys_are_accepted_the_last_one_winning_as_in_Claude_Codes_JSON_parse()
    {
        _home.WithFile(Json().Replace("\"accessToken\":", "\"accessToken\": \"sk-ant-oat01-first\", \"accessToken\":", StringComparison.Ordinal));

        var result = await CheckAsync();

        result.Credential!.AccessToken.Reveal().ShouldBe(AccessToken);
    }

    /// <summary>Run as nobody (the child of <see cref="AsNobody.RunAsync"/>): the check is not found, naming the permission and no token.</summary>
    private static async Task NotFoundAsNobodyAsync()
    {
        var file = System.Environment.GetEnvironmentVariable("CLAWKER_TEST_FILE")!;
        var error = await Should.ThrowAsync<CredentialException>(() => ClaudeCodeCredentials.CheckAsync(
            Options(new InMemoryKeyring(), System.Environment.GetEnvironmentVariable("CLAWKER_TEST_HOME")!), TestContext.Current.CancellationToken)).OfKind(CredentialErrorKind.NotFound);
        error.Message.ShouldContain($"Cannot read file {file}: permission denied");
        error.ToString().ShouldNotContain("KNOWN-ACCESS");
    }

    [Fact]
    public Task An_unreadable_file_is_not_found_naming_the_permission() =>
        NotFoundAsNobodyAsync(claudeFolderMode: (UnixFileMode)0x1ED, fileMode: UnixFileMode.UserRead | UnixFileMode.UserWrite);

    // ~/.claude left root's, mode 0700 (a `sudo claude`): the file cannot even be examined; that is a
    // permission to fix, not "something that cannot be a credentials file, remove it".
    [Fact]
    public Task A_claude_folder_nobody_can_search_is_not_found_naming_the_permission() =>
        NotFoundAsNobodyAsync(claudeFolderMode: UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, fileMode: null);

    /// <summary>
    /// Outside: the file made root's with the modes given, then the calling test run again as nobody.
    /// Inside (as nobody): the check is not found, naming the permission and no token.
    /// </summary>
    private async Task NotFoundAsNobodyAsync(UnixFileMode claudeFolderMode, UnixFileMode? fileMode, [CallerMemberName] string test = "")
    {
        if (AsNobody.Inside)
        {
            await NotFoundAsNobodyAsync();
            return;
        }

        if (!AsNobody.CanRun())
        {
            return;
        }

        _home.WithFile(Json());
        if (fileMode is { } mode)
        {
            File.SetUnixFileMode(_home.CredentialsFile, mode);
        }

        File.SetUnixFileMode(_home.Path, (UnixFileMode)0x1ED);
        File.SetUnixFileMode(Path.GetDirectoryName(_home.CredentialsFile)!, claudeFolderMode);
        await AsNobody.RunAsync($"{typeof(CredentialsFileSafetyTests).FullName}.{test}",
            new Dictionary<string, string> { ["CLAWKER_TEST_FILE"] = _home.CredentialsFile, ["CLAWKER_TEST_HOME"] = _home.Path });
    }
}
