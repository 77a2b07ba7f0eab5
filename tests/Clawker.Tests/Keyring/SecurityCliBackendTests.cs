#pragma warning disable xUnit1051 // each call is bounded by the keyring timeout
using Clawker.Keyring.Backends;

namespace Clawker.Tests.Keyring;

/// <summary>
/// The macOS Keychain backend against a stand-in `security` executable first on PATH (the real
/// one exists only on macOS); test names say so.
/// </summary>
public class SecurityCliBackendTests
{
    private static TimedKeyring Keyring(SecurityStandIn standIn) =>
        new TimedKeyring(new SecurityCliBackend("security", standIn.Environment), TimeSpan.FromSeconds(10));

    private static bool CanRun => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    [Fact]
    public void StandIn_security_first_on_PATH_is_the_one_resolved()
    {
        using var standIn = new SecurityStandIn();
        new SecurityCliBackend("security", standIn.Environment).ResolveExecutable().ShouldBe(standIn.Executable);
        new SecurityCliBackend(SecurityCliBackend.DefaultExecutable, standIn.Environment).ResolveExecutable().ShouldBe("/usr/bin/security");
    }

    [Fact]
    public async Task StandIn_security_set_then_get_round_trips_and_the_secret_never_appears_in_argv()
    {
        Assert.SkipUnless(CanRun, "needs bash");
        using var standIn = new SecurityStandIn();
        var keyring = Keyring(standIn);
        const string secret = "{\"claudeAiOauth\": {\"accessToken\": \"sk-ant-oat01-argv-check\"}}\nline two 'quoted' ✓";

        await keyring.SetAsync("svc 'one'", "alice", secret);
        (await keyring.GetAsync("svc 'one'", "alice")).ShouldBe(secret);

        var argv = File.ReadAllText(standIn.ArgvLog);
        argv.ShouldContain("-i");
        argv.ShouldNotContain("sk-ant-oat01-argv-check");
        argv.ShouldNotContain(SecurityOutput.Base64Prefix);
    }

    [Fact]
    public async Task StandIn_security_not_found_is_NotFound_and_delete_reports_whether_it_deleted()
    {
        Assert.SkipUnless(CanRun, "needs bash");
        using var standIn = new SecurityStandIn();
        var keyring = Keyring(standIn);

        (await Should.ThrowAsync<CredentialException>(() => keyring.GetAsync("missing", "alice")).OfKind(CredentialErrorKind.NotFound)).Store.ShouldBe("macOS Keychain (service 'missing', account 'alice')");
        await keyring.SetAsync("svc", "alice", "v");
        (await keyring.DeleteAsync("svc", "alice")).ShouldBeTrue();
        (await keyring.DeleteAsync("svc", "alice")).ShouldBeFalse();
        await Should.ThrowAsync<CredentialException>(() => keyring.GetAsync("svc", "alice")).OfKind(CredentialErrorKind.NotFound);
    }

    [Fact]
    public async Task StandIn_security_reads_values_printed_as_hex_and_legacy_go_keyring_encodings()
    {
        Assert.SkipUnless(CanRun, "needs bash");
        using var standIn = new SecurityStandIn();
        var keyring = Keyring(standIn);

        // Written as other tools would (raw, not base64): the stand-in prints them hex like macOS does.
        await WriteRawAsync(standIn, "hex", "{\n  \"a\": \"é\"\n}");
        (await keyring.GetAsync("hex", "alice")).ShouldBe("{\n  \"a\": \"é\"\n}");

        await WriteRawAsync(standIn, "legacy", SecurityOutput.HexPrefix + Convert.ToHexString(Encoding.UTF8.GetBytes("old value")));
        (await keyring.GetAsync("legacy", "alice")).ShouldBe("old value");

        await WriteRawAsync(standIn, "literal", "cafe");
        (await keyring.GetAsync("literal", "alice")).ShouldBe("cafe");
    }

    [Fact]
    public async Task StandIn_security_value_too_large_for_security_i_is_refused_before_anything_is_written()
    {
        Assert.SkipUnless(CanRun, "needs bash");
        using var standIn = new SecurityStandIn();
        var keyring = Keyring(standIn);

        var error = await Should.ThrowAsync<CredentialException>(() => keyring.SetAsync("big", "alice", new string('x', 3100))).OfKind(CredentialErrorKind.SecretTooLarge);

        error.Code.ShouldBe(Clawker.Diagnostics.ErrorCodes.KeyringSecretTooLarge);
        error.Store.ShouldBe("macOS Keychain (service 'big', account 'alice')");
        error.LimitBytes.ShouldBe(4095);
        error.SizeBytes.ShouldNotBeNull().ShouldBeGreaterThan(4095);
        error.Message.ShouldContain("too large for the macOS Keychain");
        error.Message.ShouldNotContain("xxxx"); // nor any of the value
        error.Message.ShouldContain("at most 4095");
        (File.ReadAllText(standIn.ArgvLog)).ShouldBeEmpty(); // security was never run
        await keyring.SetAsync("big", "alice", new string('x', 2900)); // a value that fits still works
        (await keyring.GetAsync("big", "alice")).Length.ShouldBe(2900);
    }

    [Fact]
    public async Task StandIn_security_value_with_a_go_keyring_prefix_that_does_not_decode_is_InvalidSchema_without_its_bytes()
    {
        Assert.SkipUnless(CanRun, "needs bash");
        using var standIn = new SecurityStandIn();
        var keyring = Keyring(standIn);
        await WriteRawAsync(standIn, "b64", SecurityOutput.Base64Prefix + "sk-ant-oat01-not-base64!");
        await WriteRawAsync(standIn, "hex", SecurityOutput.HexPrefix + "ff41"); // hex of bytes that are not UTF-8

        var notBase64 = await Should.ThrowAsync<CredentialException>(() => keyring.GetAsync("b64", "alice")).OfKind(CredentialErrorKind.InvalidSchema);
        var notUtf8 = await Should.ThrowAsync<CredentialException>(() => keyring.GetAsync("hex", "alice")).OfKind(CredentialErrorKind.InvalidSchema);

        notBase64.Message.ShouldContain("does not decode to UTF-8 text");
        notBase64.ToString().ShouldNotContain("sk-ant-oat01");
        notUtf8.ToString().ShouldNotContain("[FF");
    }

    [Fact]
    public async Task StandIn_security_that_echoes_a_rejected_command_on_stderr_never_shows_the_value()
    {
        Assert.SkipUnless(CanRun, "needs bash");
        using var standIn = new SecurityStandIn();
        // This stand-in rejects every command and echoes it, the worst a security tool could do.
        File.WriteAllText(standIn.Executable, "#!/usr/bin/env bash\nwhile IFS= read -r line; do echo \"security: cannot parse: $line\" >&2; done\nexit 1\n");
        const string secret = "sk-ant-oat01-ECHOED-SECRET-31f0";

        var error = await Should.ThrowAsync<CredentialException>(() => Keyring(standIn).SetAsync("svc", "alice", secret)).OfKind(CredentialErrorKind.Unavailable);

        error.Message.ShouldContain("cannot parse: add-generic-password");
        error.Message.ShouldContain(SecretBlob.Placeholder);
        error.ToString().ShouldNotContain(secret);
        error.ToString().ShouldNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
    }

    [Fact]
    public async Task Missing_security_executable_is_Unavailable()
    {
        var keyring = new TimedKeyring(new SecurityCliBackend("/nonexistent/security", ClawkerEnvironment.Process), TimeSpan.FromSeconds(5));
        (await Should.ThrowAsync<CredentialException>(() => keyring.GetAsync("s", "u")).OfKind(CredentialErrorKind.Unavailable)).Message.ShouldContain("cannot run");
    }

    [Theory]
    [InlineData("go-keyring-base64:aGVsbG8=\n", "hello")]
    [InlineData("go-keyring-encoded:68656c6c6f\n", "hello")]
    [InlineData("7b0a7d\n", "{\n}")]
    [InlineData("deadbeef\n", "deadbeef")] // hex of non-UTF-8 bytes: a literal
    [InlineData("68656c6c6f\n", "68656c6c6f")] // hex of printable ASCII: security would not have hexed it
    [InlineData("plain\n", "plain")]
    public void Security_output_decoding(string output, string expected) => SecurityOutput.Decode(output, "here").ShouldBe(expected);

    [Fact]
    public void Add_command_quotes_like_go_keyring_and_carries_the_value_base64_encoded()
    {
        SecurityOutput.AddCommand("it's", "u", "v").ShouldBe("add-generic-password -U -s 'it'\"'\"'s' -a 'u' -w 'go-keyring-base64:dg=='\n");
    }

    private static Task WriteRawAsync(SecurityStandIn standIn, string service, string value)
    {
        // The stand-in's store layout: one file per item, named by a hash of service and account.
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{service}\nalice")))[..32].ToLowerInvariant();
        File.WriteAllText(Path.Combine(standIn.Store, key), value);
        return Task.CompletedTask;
    }
}
