using static Clawker.Tests.Keyring.ClaudeCodeFixtures;

namespace Clawker.Tests.Keyring;

/// <summary>Stored fields reach logs only as values Claude Code defines: a token pasted into one shows as "unrecognised".</summary>
public sealed class ShownFieldsTests
{
    private const string Planted = "sk-ant-oat01-PLANTED-IN-A-FIELD-5e1f";

    [Fact]
    public async Task A_token_in_subscriptionType_rateLimitTier_or_scopes_is_shown_as_unrecognised()
    {
        var json = Json(scopes: $"[\"user:inference\", \"{Planted}\"]")
            .Replace("\"max\"", $"\"{Planted}\"", StringComparison.Ordinal)
            .Replace("default_claude_max_5x", Planted, StringComparison.Ordinal);
        using var home = new TempHome();

        var result = await ClaudeCodeCredentials.CheckAsync(Options(await KeyringWith(json), home.Path), TestContext.Current.CancellationToken);

        result.SubscriptionType.ShouldBe(CredentialFields.Unrecognised);
        result.Credential!.ShownSubscriptionType.ShouldBe("unrecognised");
        result.Credential.ShownRateLimitTier.ShouldBe("unrecognised");
        result.Credential.ShownScopes.ShouldBe("user:inference +1 unrecognised");
        foreach (var text in new[] { result.ToString(), result.Credential.ToString() })
        {
            text.ShouldNotContain("PLANTED");
            text.ShouldContain("subscription unrecognised");
        }
    }

    [Theory]
    [InlineData("pro")]
    [InlineData("max")]
    [InlineData("team")]
    [InlineData("enterprise")]
    public void Claude_Codes_own_values_are_shown_as_they_are(string type) =>
        CredentialFields.Subscription(type).ShouldBe(type);

    [Theory]
    [InlineData("Max")]
    [InlineData("")]
    [InlineData("max ")]
    public void Near_misses_are_unrecognised(string type) =>
        CredentialFields.Subscription(type).ShouldBe(CredentialFields.Unrecognised);

    [Fact]
    public void Not_stated_stays_not_stated()
    {
        CredentialFields.Subscription(null).ShouldBeNull();
        CredentialFields.RateLimitTier(null).ShouldBeNull();
        CredentialFields.Scopes(null).ShouldBeNull();
        CredentialFields.RateLimitTier("default_claude_max_5x").ShouldBe("default_claude_max_5x");
    }
}
