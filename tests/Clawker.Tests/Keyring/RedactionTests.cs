using static Clawker.Tests.Keyring.ClaudeCodeFixtures;

namespace Clawker.Tests.Keyring;

public class RedactionTests
{
    private static readonly string[] Secrets = [AccessToken, RefreshToken];

    // Every way a stored credential can go wrong, each holding the known tokens.
    public static TheoryData<string> BadEntries => new()
    {
        AccessToken,                                       // not JSON, starts with the token
        $"{{\"claudeAiOauth\": {{\"accessToken\": \"{AccessToken}\"",  // truncated JSON
        Json(refreshToken: null, expiresAt: Expired),      // expired (access token present)
        Json(organization: $"\"{AccessToken}\""),          // organizationUuid holding a token
        Json(expiresAt: $"\"{RefreshToken}\""),            // expiresAt holding a token
        $"{{\"claudeAiOauth\": {{\"accessToken\": 1, \"refreshToken\": \"{RefreshToken}\"}}}}",
        $"{{\"claudeAiOauth\": {{\"accessToken\": \"{AccessToken}\", \"scopes\": \"{RefreshToken}\"}}}}",
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public async Task Known_tokens_never_appear_in_any_error_message_or_ToString(string entry)
    {
        using var home = new TempHome();
        var error = await Should.ThrowAsync<CredentialException>(async () => await
            ClaudeCodeCredentials.CheckAsync(Options(await KeyringWith(entry), home.Path), TestContext.Current.CancellationToken));

        foreach (var text in AllText(error))
        {
            foreach (var secret in Secrets)
            {
                text.ShouldNotContain(secret);
                text.ShouldNotContain(secret[..16]); // nor a recognisable piece
            }
        }
    }

    [Fact]
    public async Task Known_tokens_never_appear_in_the_result_the_model_or_finding_messages()
    {
        using var home = new TempHome();
        var result = await ClaudeCodeCredentials.CheckAsync(
            Options(await KeyringWith(Json(expiresAt: Expired, scopes: "[]")), home.Path), TestContext.Current.CancellationToken);

        string[] texts =
        [
            result.ToString(), result.Credential!.ToString(), result.RawBlob!.ToString(), result.Source,
            result.Credential.AccessToken.ToString(), result.Credential.RefreshToken!.ToString(),
            .. result.Findings.Select(f => CredentialFindings.Describe(f, result.Source)), .. result.Notes,
        ];
        foreach (var text in texts)
        {
            foreach (var secret in Secrets)
            {
                text.ShouldNotContain(secret);
            }
        }

        result.Findings.Count.ShouldBe(2); // the test did go through both findings
        result.RawBlob.Reveal().ShouldContain(AccessToken); // and the secret is still there, on purpose
    }

    [Fact]
    public void SecretBlob_prints_a_placeholder()
    {
        var blob = new SecretBlob(AccessToken);
        blob.ToString().ShouldBe(SecretBlob.Placeholder);
        $"{blob}".ShouldNotContain(AccessToken);
        blob.Length.ShouldBe(AccessToken.Length);
    }

    [Fact]
    public void A_keyring_item_read_from_a_store_prints_no_secret()
    {
        // A record prints every property by default: the item carries the raw stored login.
        var item = new Clawker.Keyring.Backends.KeyringItem($"{{\"claudeAiOauth\":{{\"accessToken\":\"{AccessToken}\"}}}}", ["2 items match"]);

        foreach (var text in new[] { item.ToString(), $"{item}", (item with { }).ToString() })
        {
            text.ShouldNotContain(AccessToken);
            text.ShouldNotContain(AccessToken[..16]);
        }

        item.Secret.ShouldContain(AccessToken); // still there, on purpose
    }

    private static IEnumerable<string> AllText(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            yield return e.ToString();
            if (e is CredentialException c)
            {
                yield return c.CodedMessage;
                yield return c.Store;
            }
        }
    }
}
