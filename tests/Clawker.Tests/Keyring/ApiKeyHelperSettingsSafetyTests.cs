using System.Diagnostics;
using System.Text;
using Clawker.Keyring;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Keyring;

/// <summary>Claude Code's settings files are hostile input: each bad shape is CLAWKER1011 in bounded time, naming the file, never its content.</summary>
public sealed class ApiKeyHelperSettingsSafetyTests : HelperSandboxTests
{
    private async Task<CredentialException> RefusedAsync(string file)
    {
        var clock = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<CredentialException>(
            Task.Run(() => ClaudeCodeCredentials.CheckAsync(Box.Options(), Ct), Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct)).OfKind(CredentialErrorKind.SettingsFileInvalid);
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
            Directory.CreateDirectory(Path.GetDirectoryName(Box.ProjectFile)!);
            File.CreateSymbolicLink(Box.ProjectFile, Box.ProjectFile + ".2");
            File.CreateSymbolicLink(Box.ProjectFile + ".2", Box.ProjectFile);
        }
        else
        {
            HostileFiles.Place(Box.ProjectFile, shape);
        }

        await RefusedAsync(Box.ProjectFile);
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
        HelperSandbox.Write(Box.UserFile, text);

        var error = await RefusedAsync(Box.UserFile);

        error.Message.ShouldNotBeNullOrWhiteSpace(name);
        error.InnerException.ShouldBeNull("a JsonException quotes the input");
    }

    [Fact]
    public async Task Invalid_UTF8_gives_its_offset()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"apiKeyHelper\": \"" + HelperSandbox.Secret + "\"}");
        bytes[20] = 0xFF;
        Directory.CreateDirectory(Path.GetDirectoryName(Box.LocalFile)!);
        await File.WriteAllBytesAsync(Box.LocalFile, bytes, Ct);

        (await RefusedAsync(Box.LocalFile)).Message.ShouldContain("at byte 20");
    }

    [Fact]
    public async Task A_dangling_link_is_a_missing_file_and_the_next_one_decides()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Box.ProjectFile)!);
        File.CreateSymbolicLink(Box.ProjectFile, "/nonexistent/settings.json");
        HelperSandbox.SetHelper(Box.UserFile, "true");

        (await ClaudeCodeCredentials.CheckAsync(Box.Options(), Ct)).Source.ShouldContain(Box.UserFile);
    }

    [Fact]
    public async Task A_link_to_a_valid_settings_file_elsewhere_is_followed_as_Claude_Code_follows_it()
    {
        var elsewhere = HelperSandbox.SetHelper(Path.Combine(Box.Root, "shared-settings.json"), "true");
        Directory.CreateDirectory(Path.GetDirectoryName(Box.ProjectFile)!);
        File.CreateSymbolicLink(Box.ProjectFile, elsewhere);

        (await ClaudeCodeCredentials.CheckAsync(Box.Options(), Ct)).Source.ShouldContain(Box.ProjectFile);
    }

    [Fact]
    public async Task An_unreadable_settings_file_is_passed_over_with_a_note_as_the_unreadable_credentials_file_is()
    {
        if (AsNobody.Inside)
        {
            // As nobody: the file is root's, mode 0000, so this user's Claude Code cannot read it either.
            using var box = HelperSandbox.At(Environment.GetEnvironmentVariable("CLAWKER_TEST_SANDBOX")!);
            var keyring = await ClaudeCodeFixtures.KeyringWith(ClaudeCodeFixtures.Json());

            var result = await ClaudeCodeCredentials.CheckAsync(box.Options(keyring), Ct);

            result.Credential.ShouldNotBeNull();
            result.Notes.ShouldContain(n => n.Contains(box.UserFile) && n.Contains("permission denied"));
            return;
        }

        if (!AsNobody.CanRun())
        {
            return;
        }

        HelperSandbox.SetHelper(Box.UserFile, "true");
        File.SetUnixFileMode(Box.UserFile, UnixFileMode.None);
        foreach (var dir in new[] { Box.Root, Box.Home, Path.GetDirectoryName(Box.UserFile)!, Box.Managed, Box.Project, Box.Bin })
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0x1ED); // 0755: nobody reaches the file, not into it
        }

        await AsNobody.RunAsync($"{typeof(ApiKeyHelperSettingsSafetyTests).FullName}.{nameof(An_unreadable_settings_file_is_passed_over_with_a_note_as_the_unreadable_credentials_file_is)}",
            new Dictionary<string, string> { ["CLAWKER_TEST_SANDBOX"] = Box.Root });
    }
}
