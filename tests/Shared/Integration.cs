namespace Clawker.Tests.Infrastructure;

/// <summary>
/// Integration tests call <see cref="Require"/> when a real service is missing: locally the
/// test is skipped with the reason; with CLAWKER_REQUIRE_INTEGRATION=1 (CI) it fails instead,
/// so an integration test can never skip unseen in CI.
/// </summary>
internal static class Integration
{
    public const string RequireVariable = "CLAWKER_REQUIRE_INTEGRATION";

    public static bool Required =>
        Environment.GetEnvironmentVariable(RequireVariable) is "1" or "true" or "TRUE" or "True";

    /// <summary>Skips (or, when integration is required, fails) the test unless <paramref name="available"/>.</summary>
    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail($"{RequireVariable}=1 but the integration test cannot run: {reason}");
        }

        Assert.Skip(reason);
    }
}
