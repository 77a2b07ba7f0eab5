using Clawker.Keyring.Backends;

namespace Clawker.Tests.Keyring;

/// <summary>The Windows Credential Manager backend cannot run here; its pure logic (go-keyring's keying and encoding) is tested instead.</summary>
public class WinCredFormatTests
{
    [Fact]
    public void Target_is_service_colon_user_like_go_keyring() =>
        WinCredFormat.Target("Claude Code-credentials", "alice").ShouldBe("Claude Code-credentials:alice");

    [Fact]
    public void Overlong_target_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => WinCredFormat.Target(new string('s', 600), "u"));

    [Fact]
    public void Secret_round_trips_as_UTF8_bytes()
    {
        var bytes = WinCredFormat.Encode("pässwörd ✓", "here");
        bytes.ShouldBe(Encoding.UTF8.GetBytes("pässwörd ✓"));
        WinCredFormat.Decode(bytes, "here").ShouldBe("pässwörd ✓");
    }

    [Fact]
    public void UTF16_blobs_written_by_other_tools_are_read()
    {
        WinCredFormat.Decode(Encoding.Unicode.GetBytes("\u00e9t\u00e9"), "here").ShouldBe("\u00e9t\u00e9");
    }

    [Fact]
    public void A_blob_neither_UTF8_nor_UTF16_is_InvalidSchema_without_its_bytes()
    {
        var error = Should.Throw<CredentialException>(() => WinCredFormat.Decode([0x41, 0xff, 0x42], "Windows Credential Manager (target 's:u')")).OfKind(CredentialErrorKind.InvalidSchema);
        error.Message.ShouldContain("neither UTF-8 nor UTF-16");
        error.ToString().ShouldNotContain("[FF");
    }

    [Fact]
    public void Secret_over_2560_bytes_is_refused_before_writing()
    {
        WinCredFormat.Encode(new string('x', 2560), "here").Length.ShouldBe(2560);
        var error = Should.Throw<CredentialException>(() => WinCredFormat.Encode(new string('x', 2561), "Windows Credential Manager (target 's:u')")).OfKind(CredentialErrorKind.SecretTooLarge);
        error.Code.ShouldBe(Clawker.Diagnostics.ErrorCodes.KeyringSecretTooLarge);
        error.Message.ShouldContain("at most 2560");
        error.Message.ShouldContain("target 's:u'");
        error.Message.ShouldNotContain("xxxx");
        (error.SizeBytes, error.LimitBytes).ShouldBe((2561, 2560));
    }

    [Fact]
    public async Task On_other_systems_the_backend_says_unavailable_at_once()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "only meaningful off Windows");
        var keyring = Keyrings.Create(new KeyringOptions { Backend = "wincred" });
        (await Should.ThrowAsync<CredentialException>(() => keyring.GetAsync("s", "u")).OfKind(CredentialErrorKind.Unavailable)).Message.ShouldContain("only on Windows");
    }
}
