namespace Clawker.Tests.Diagnostics;

/// <summary>The one parser of text settings (MSBuild properties), formerly the MSBuild task's DiagnosticLevels.</summary>
public class ClawkerSettingParserTests
{
    [Theory]
    [InlineData("Warning", ClawkerPolicy.Warning)]
    [InlineData("error", ClawkerPolicy.Error)]
    [InlineData(" IGNORE ", ClawkerPolicy.Ignore)]
    [InlineData("", ClawkerPolicy.Warning)]
    [InlineData(null, ClawkerPolicy.Warning)]
    public void Policies_parse_in_any_case_and_default_to_the_fallback(string? value, ClawkerPolicy expected) =>
        ClawkerSettingParser.Policy(SettingKeys.CredentialNotFound, value, ClawkerPolicy.Warning).ShouldBe(expected);

    [Fact]
    public void A_blank_policy_takes_the_fallback_given()
    {
        ClawkerSettingParser.Policy(SettingKeys.EngineUnreachable, "  ", ClawkerPolicy.Error).ShouldBe(ClawkerPolicy.Error);
    }

    [Fact]
    public void An_unknown_policy_is_CLAWKER5002_carrying_the_key_and_the_accepted_values()
    {
        var ex = Should.Throw<ClawkerSettingException>(() => ClawkerSettingParser.Policy(SettingKeys.CredentialRefreshable, "Warn", ClawkerPolicy.Warning));
        ex.Code.ShouldBe(ErrorCodes.InvalidBuildProperty);
        ex.Key.ShouldBe("CredentialRefreshable");
        ex.Message.ShouldContain("CredentialRefreshable");
        ex.Message.ShouldContain("'Warn'");
        ex.Message.ShouldContain("Warning, Error or Ignore");
        ex.MessageFor("ClawkerCredentialRefreshable", null).ShouldContain("ClawkerCredentialRefreshable is 'Warn'");
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("250", 250)]
    [InlineData(" 250 ", 250)]
    public void Timeouts_are_positive_milliseconds_or_unset(string value, int? expectedMs) =>
        ClawkerSettingParser.Milliseconds(SettingKeys.KeyringTimeout, value).ShouldBe(expectedMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("3s")]
    public void Bad_timeouts_are_CLAWKER5002(string value) =>
        Should.Throw<ClawkerSettingException>(() => ClawkerSettingParser.Milliseconds(SettingKeys.KeyringTimeout, value))
            .Message.ShouldContain("KeyringTimeout");

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData(" tcp://h:1 ", "tcp://h:1")]
    public void Text_is_trimmed_and_blank_is_null(string? value, string? expected) => ClawkerSettingParser.Text(value).ShouldBe(expected);

    [Fact]
    public void Lists_split_on_semicolons_commas_and_white_space() =>
        ClawkerSettingParser.List("git; jq,ripgrep\tvim\n").ShouldBe(["git", "jq", "ripgrep", "vim"]);
}
