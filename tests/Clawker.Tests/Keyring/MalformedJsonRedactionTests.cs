using System.Text.Json;
using static Clawker.Tests.Keyring.ClaudeCodeFixtures;

namespace Clawker.Tests.Keyring;

/// <summary>
/// System.Text.Json's parse errors quote the input near the fault; an InvalidSchema error must
/// carry none of it, whether the bad entry is in the keyring or in the file.
/// </summary>
public class MalformedJsonRedactionTests
{
    private const string Token = "sk-ant-oat01-KNOWN-MALFORMED-9c2e";

    // TOKEN stands for the known token; \uD800 is a lone surrogate, which cannot be encoded as UTF-8.
    private static readonly string[] Shapes =
    [
        """{"claudeAiOauth":{"accessToken":"TOKEN" , }""",        // trailing comma, unclosed
        """{"claudeAiOauth":{"accessToken":"TOKEN"}}}""",         // trailing garbage
        """{"claudeAiOauth":{"accessToken":TOKEN}}""",            // unquoted value
        """{"claudeAiOauth":{"accessToken":trueTOKEN}}""",        // token glued to a literal
        """{"claudeAiOauth":{"accessToken":"TOKEN\q"}}""",        // invalid escape
        """{"claudeAiOauth":{"accessToken":"TOKEN""",            // unterminated string
        """{"claudeAiOauth":{TOKEN:1}}""",                        // unquoted property name
        """{'claudeAiOauth':{'accessToken':'TOKEN'}}""",          // single quotes
        """{"claudeAiOauth":{"accessToken":"TOKEN" "x":1}}""",    // missing comma
        "{\"claudeAiOauth\":{\"accessToken\":\"TOKEN\n\"}}",     // raw line break inside a string
        "{\"claudeAiOauth\":{\"accessToken\":\"TOKEN\uD800\"}}", // lone surrogate inside the token
        "{\"claudeAiOauth\":{\"accessToken\":\"TOKEN\"}}\uD800",  // lone surrogate after the JSON
        "\"TOKEN",
        "TOKEN}",
        "[\"TOKEN\",]",
    ];

    public static TheoryData<string> Malformed => [.. Shapes.Select(s => s.Replace("TOKEN", Token, StringComparison.Ordinal))];

    // A file holds bytes: a lone surrogate cannot be written to one.
    public static TheoryData<string> MalformedFiles => [.. Malformed.Select(row => row.Data).Where(s => !s.Contains('\uD800', StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_known_token_inside_malformed_JSON_in_the_keyring_never_appears_in_the_error(string entry)
    {
        using var home = new TempHome();
        var error = await Should.ThrowAsync<CredentialException>(async () => await
            ClaudeCodeCredentials.CheckAsync(Options(await KeyringWith(entry), home.Path), TestContext.Current.CancellationToken)).OfKind(CredentialErrorKind.InvalidSchema);

        ShouldNotLeak(error);
    }

    [Fact]
    public void Text_that_is_not_valid_Unicode_is_named_as_such()
    {
        var error = Should.Throw<CredentialException>(() =>
            ClaudeCodeCredentials.Service(Environment("/nonexistent"), TimeProvider.System).Interpret("{\"a\":\"x\uD800\"}", "somewhere")).OfKind(CredentialErrorKind.InvalidSchema);

        error.Message.ShouldContain("not valid Unicode");
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_known_token_inside_malformed_JSON_in_the_file_never_appears_in_the_error(string entry)
    {
        using var home = new TempHome().WithFile(entry);
        var error = await Should.ThrowAsync<CredentialException>(() =>
            ClaudeCodeCredentials.CheckAsync(Options(new InMemoryKeyring(), home.Path), TestContext.Current.CancellationToken)).OfKind(CredentialErrorKind.InvalidSchema);

        ShouldNotLeak(error);
        error.Store.ShouldBe($"file {home.CredentialsFile}");
    }

    public static TheoryData<string> LeakyParserErrors => new()
    {
        "json", // a JsonException whose message quotes the input, as JsonSerializer's can
        "wrapped-json", // the same, wrapped in another exception
        "other", // a non-format exception whose message quotes the input
        "int-parse", // a FormatException from a BCL parser, which quotes its input
    };

    [Theory]
    [MemberData(nameof(LeakyParserErrors))]
    public void A_service_parser_whose_errors_quote_the_input_does_not_leak_through_InvalidSchema(string how)
    {
        var def = new ServiceDef<int>
        {
            ServiceName = "leaky",
            ResolveUser = () => "u",
            Parse = text => how switch
            {
                "json" => throw new JsonException($"'{text}' is invalid", "$.token", 0, 3),
                "wrapped-json" => throw new InvalidOperationException("deserialising failed", new JsonException($"'{text}' is invalid")),
                "int-parse" => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException($"cannot convert '{text}'"),
            },
        };

        var error = Should.Throw<CredentialException>(() => def.Interpret(Token, "somewhere")).OfKind(CredentialErrorKind.InvalidSchema);

        ShouldNotLeak(error);
        error.Message.ShouldContain("somewhere");
    }

    private static void ShouldNotLeak(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            foreach (var text in new[] { e.Message, e.ToString(), (e as CredentialException)?.CodedMessage ?? "" })
            {
                text.ShouldNotContain(Token);
                text.ShouldNotContain(Token[..12]); // "sk-ant-oat01": not even the recognisable start
                text.ShouldNotContain("KNOWN-MALFORMED");
            }
        }
    }
}
