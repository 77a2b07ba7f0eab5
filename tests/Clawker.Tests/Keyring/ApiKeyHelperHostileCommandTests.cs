using System.Diagnostics;
using Clawker.Keyring;

namespace Clawker.Tests.Keyring;

/// <summary>
/// Hostile apiKeyHelper commands: a NUL (from the JSON escape <c>\u0000</c>) is CLAWKER1012, never
/// an uncoded ArgumentException from Path.GetFullPath or Process.Start, whether the helper is run
/// or only resolved; a helper that exits but leaves a background child holding its stdout neither
/// waits for the timeout nor leaves the child running.
/// </summary>
public sealed class ApiKeyHelperHostileCommandTests : HelperSandboxTests
{
    [Theory]
    [InlineData("/bin/echo\u0000x", false)]
    [InlineData("/bin/echo\u0000x", true)]
    [InlineData("./get-key\u0000", true)]
    [InlineData("echo key \u0000 more", true)]
    [InlineData("echo key \u0000 more", false)]
    [InlineData("\u0000", false)]
    public async Task A_NUL_in_the_command_is_CLAWKER1012_not_an_uncoded_ArgumentException(string command, bool run)
    {
        HelperSandbox.SetHelper(Box.ProjectFile, command);
        File.ReadAllText(Box.ProjectFile).ShouldContain("\\u0000", customMessage: "the settings file carries the JSON escape");

        var error = await Should.ThrowAsync<CredentialException>(() => ClaudeCodeCredentials.CheckAsync(Box.Options(run: run), Ct))
            .OfKind(CredentialErrorKind.HelperNotFound);

        error.Code.ShouldBe("CLAWKER1012");
        error.Message.ShouldContain("NUL");
        error.Message.ShouldContain(Box.ProjectFile);
        error.Message.ShouldNotContain("echo");
    }

    [Fact]
    public async Task A_NUL_reached_through_a_variable_in_the_first_word_is_CLAWKER1012()
    {
        HelperSandbox.SetHelper(Box.ProjectFile, "$TOOL/get-key");
        var options = Box.Options(variables: ("TOOL", "/usr\u0000/bin"));

        var error = await Should.ThrowAsync<CredentialException>(() => ClaudeCodeCredentials.CheckAsync(options, Ct))
            .OfKind(CredentialErrorKind.HelperNotFound);

        error.Code.ShouldBe("CLAWKER1012");
    }

    [Fact]
    public async Task A_background_child_holding_stdout_after_the_helper_exits_is_killed_and_the_key_counts()
    {
        Assert.SkipWhen(!OperatingSystem.IsLinux(), "the pipe's holders are found through /proc");
        var pids = Path.Combine(Box.Root, "pids");
        var script = Box.Script("get-key", $"echo {HelperSandbox.Secret}; sleep 60 & echo $! > '{pids}'; exit 0");
        HelperSandbox.SetHelper(Box.ProjectFile, script);

        var clock = Stopwatch.StartNew();
        var result = await ClaudeCodeCredentials.CheckAsync(Box.Options(run: true, timeout: TimeSpan.FromSeconds(30)), Ct);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "it must not wait for the keyring timeout");
        result.Source.ShouldContain("printed a key");
        result.ToString().ShouldNotContain(HelperSandbox.Secret);
        var pid = int.Parse(File.ReadAllText(pids).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var gone = Stopwatch.StartNew();
        while (File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z")
        {
            gone.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the background child holding the helper's stdout is left running");
            await Task.Delay(50, Ct);
        }
    }
}
