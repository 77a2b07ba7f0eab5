using System.Globalization;

namespace Clawker.Tests.Keyring;

/// <summary>Credential JSON and environments shared by the Claude Code tests.</summary>
internal static class ClaudeCodeFixtures
{
    public const string AccessToken = "sk-ant-oat01-KNOWN-ACCESS-TOKEN-4f1d9c";
    public const string RefreshToken = "sk-ant-ort01-KNOWN-REFRESH-TOKEN-77ab02";
    public const string User = "alice";

    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The known login, with the members Claude Code keeps that Clawker must leave alone (mcpOAuth).</summary>
    public static string Json(
        string accessToken = AccessToken,
        string? refreshToken = RefreshToken,
        object? expiresAt = null,
        string scopes = "[\"user:inference\", \"user:profile\"]",
        string organization = "\"550e8400-e29b-41d4-a716-446655440000\"") =>
        ClaudeLogin.RawJson(
            accessToken,
            refreshToken,
            Convert.ToString(expiresAt ?? Now.AddHours(5).ToUnixTimeMilliseconds(), CultureInfo.InvariantCulture)!,
            scopes,
            organizationUuid: organization,
            extraMembers: "\"mcpOAuth\": { \"kept\": \"verbatim\" }");

    /// <summary>
    /// The variables Claude Code reads before apiKeyHelper and so before the stored login: the cloud
    /// switches, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY; each with a value that counts.
    /// </summary>
    public static TheoryData<string, string> VariablesBeforeTheHelper => new()
    {
        { "CLAUDE_CODE_USE_BEDROCK", "1" },
        { "CLAUDE_CODE_USE_VERTEX", "true" },
        { "CLAUDE_CODE_USE_FOUNDRY", "1" },
        { "ANTHROPIC_AUTH_TOKEN", "bearer-token-value" },
        { "ANTHROPIC_API_KEY", "sk-ant-api03-x" },
    };

    public static long Expired => Now.AddHours(-1).ToUnixTimeMilliseconds();

    public static ClawkerEnvironment Environment(string home, params (string Name, string Value)[] variables) =>
        ClawkerEnvironment.FromValues(variables.ToDictionary(v => v.Name, v => v.Value), home, User);

    public static CredentialCheckOptions Options(IKeyring keyring, string home, params (string Name, string Value)[] variables) => new()
    {
        Keyring = keyring,
        Environment = Environment(home, variables),
        TimeProvider = new FixedTime(Now),
    };

    public static async Task<InMemoryKeyring> KeyringWith(string secret, KeyringBackendKind kind = KeyringBackendKind.InMemory)
    {
        var keyring = new InMemoryKeyring(kind);
        await keyring.SetAsync(ClaudeCodeCredentials.KeychainServiceName, User, secret);
        return keyring;
    }

    /// <summary>A temporary home directory, deleted on dispose.</summary>
    public sealed class TempHome : IDisposable
    {
        private readonly TempDirectory _dir = new("clawker-home-");

        public string Path => _dir.Path;

        public string CredentialsFile => ClaudeLogin.FileIn(_dir.Combine(".claude"));

        public TempHome WithFile(string content)
        {
            ClaudeLogin.WriteFile(_dir.Combine(".claude"), content);
            return this;
        }

        public void Dispose() => _dir.Dispose();
    }

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
