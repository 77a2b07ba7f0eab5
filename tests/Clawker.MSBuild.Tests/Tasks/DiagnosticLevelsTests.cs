using Clawker.Diagnostics;
using Clawker.MSBuild.Tasks;

namespace Clawker.MSBuild.Tests.Tasks;

public class DiagnosticLevelsTests
{
    [Theory]
    [InlineData("Warning", DiagnosticLevel.Warning)]
    [InlineData("error", DiagnosticLevel.Error)]
    [InlineData(" IGNORE ", DiagnosticLevel.Ignore)]
    [InlineData("", DiagnosticLevel.Warning)]
    [InlineData(null, DiagnosticLevel.Warning)]
    public void Policies_parse_in_any_case_and_default_to_warning(string? value, DiagnosticLevel expected) =>
        DiagnosticLevels.Parse("ClawkerCredentialNotFound", value).ShouldBe(expected);

    [Fact]
    public void An_unknown_policy_is_CLAWKER5002_naming_the_property_and_the_accepted_values()
    {
        var ex = Should.Throw<InvalidPropertyException>(() => DiagnosticLevels.Parse("ClawkerCredentialRefreshable", "Warn"));
        ex.Code.ShouldBe(ErrorCodes.InvalidBuildProperty);
        ex.Message.ShouldContain("ClawkerCredentialRefreshable");
        ex.Message.ShouldContain("'Warn'");
        ex.Message.ShouldContain("Warning, Error or Ignore");
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("250", 250)]
    public void Timeouts_are_positive_milliseconds_or_unset(string value, int? expectedMs) =>
        DiagnosticLevels.ParseMilliseconds("ClawkerKeyringTimeout", value).ShouldBe(expectedMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("3s")]
    public void Bad_timeouts_are_CLAWKER5002(string value) =>
        Should.Throw<InvalidPropertyException>(() => DiagnosticLevels.ParseMilliseconds("ClawkerKeyringTimeout", value))
            .Message.ShouldContain("ClawkerKeyringTimeout");
}
