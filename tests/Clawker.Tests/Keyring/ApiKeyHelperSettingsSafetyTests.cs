using System.Diagnostics;
using System.Text;
using Clawker.Keyring;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Keyring;

/// <summary>Claude Code's settings files are hostile input: each bad shape is CLAWKER1011 in bounded time, naming the file, never its content.</summary>
public sealed class ApiKeyHelperSettingsSafetyTests : IDisposable
{
    private readonly HelperSandbox _box = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _box.Dispose();

    private async Task<CredentialException> RefusedAsync(string file)
    {
        var clock = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<CredentialException>(
            Task.Run(() => ClaudeCodeCredentials.CheckAsync(_box.Options(), Ct), Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct)).OfKind(CredentialErrorKind.SettingsFileInvalid);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        error.Code.ShouldBe("CLAWKER1011");
        error.Message.ShouldContain(file);
        error.ToString().ShouldNotContain(HelperSandbox.Secret);
        error.ToString().ShouldNotContain("KNOWN-HELPER");
        return error;
    }

    public static TheoryData<string> Shapes => [.. HostileFiles.Shapes, "link-loop"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_fifo_device_folder_huge_file_or_link_loop_as_project_settings_is_a_bounded_CLAWKER1011(string shape)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs and /dev/zero are Unix");
        if (shape == "link-loop")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_box.ProjectFile)!);
            File.CreateSymbolicLink(_box.ProjectFile, _box.ProjectFile + ".2");
            File.CreateSymbolicLink(_box.ProjectFile + ".2", _box.ProjectFile);
        }
        else
        {
            HostileFiles.Place(_box.ProjectFile, shape);
        }

        await RefusedAsync(_box.ProjectFile);
    }

    public static TheoryData<string, string> Texts => new()
    {
        { "not JSON around the secret", "{\"apiKeyHelper\": \"echo x\", \"env\": {\"K\": t" + HelperSandbox.Secret + "}}" },
        { "a truncated string", "{\"apiKeyHelper\": \"" + HelperSandbox.Secret },
        { "a top-level array", "[\"" + HelperSandbox.Secret + "\"]" },
        { "a number", "{\"apiKeyHelper\": 42}" },
        { "an object", "{\"apiKeyHelper\": {\"cmd\": \"" + HelperSandbox.Secret + "\"}}" },
        { "deep nesting", new string('[', 10_000) + new string(']', 10_000) },
        { "a NUL in a string", "{\"apiKeyHelper\": \"a\0" + HelperSandbox.Secret + "\"}" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Bad_JSON_is_CLAWKER1011_with_a_position_at_most(string name, string text)
    {
        HelperSandbox.Write(_box.UserFile, text);

        var error = await RefusedAsync(_box.UserFile);

        error.Message.ShouldNotBeNullOrWhiteSpace(name);
        error.InnerException.ShouldBeNull("a JsonException quotes the input");
    }

    [Fact]
    public async Task Invalid_UTF8_gives_its_offset()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"apiKeyHelper\": \"" + HelperSandbox.Secret + "\"}");
        bytes[20] = 0xFF;
        Directory.CreateDirectory(Path.GetDirectoryName(_box.LocalFile)!);
        await File.WriteAllBytesAsync(_box.LocalFile, bytes, Ct);

        (await RefusedAsync(_box.LocalFile)).Message.ShouldContain("at byte 20");
    }

    [Fact]
    public async Task A_dangling_link_is_a_missing_file_and_the_next_one_decides()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_box.ProjectFile)!);
        File.CreateSymbolicLink(_box.ProjectFile, "/nonexistent/settings.json");
        HelperSandbox.SetHelper(_box.UserFile, "true");

        (await ClaudeCodeCredentials.CheckAsync(_box.Options(), Ct)).Source.ShouldContain(_box.UserFile);
    }

    [Fact]
    public async Task A_link_to_a_valid_settings_file_elsewhere_is_followed_as_Claude_Code_follows_it()
    {
        var elsewhere = HelperSandbox.SetHelper(Path.Combine(_box.Root, "shared-settings.json"), "true");
        Directory.CreateDirectory(Path.GetDirectoryName(_box.ProjectFile)!);
        File.CreateSymbolicLink(_box.ProjectFile, elsewhere);

        (await ClaudeCodeCredentials.CheckAsync(_box.Options(), Ct)).Source.ShouldContain(_box.ProjectFile);
    }

    [Fact]
    public async Task An_unreadable_settings_file_is_CLAWKER1011_as_a_non_root_user()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows() || Environment.UserName == "root", "root reads every file; run as a non-root user");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        HelperSandbox.SetHelper(_box.UserFile, "true");
        File.SetUnixFileMode(_box.UserFile, UnixFileMode.None);

        (await RefusedAsync(_box.UserFile)).Message.ShouldContain("permission denied");
    }
}
