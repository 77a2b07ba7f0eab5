namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>Claude Code credential files written the way Claude Code writes them, with tokens a test can search for.</summary>
internal static class CraftedCredentials
{
    /// <summary>A unique access token, so a leak check cannot match anything else.</summary>
    public static string NewAccessToken() => $"sk-ant-oat01-test-{Guid.NewGuid():N}";

    public static string Json(string accessToken, DateTimeOffset expiresAt, bool refreshToken = true, string scopes = "\"user:inference\", \"user:profile\"") =>
        $$"""
        {
          "claudeAiOauth": {
            "accessToken": "{{accessToken}}",
            {{(refreshToken ? $"\"refreshToken\": \"sk-ant-ort01-test-{Guid.NewGuid():N}\"," : "")}}
            "expiresAt": {{expiresAt.ToUnixTimeMilliseconds()}},
            "scopes": [{{scopes}}],
            "subscriptionType": "max"
          }
        }
        """;

    /// <summary>Writes <c>.credentials.json</c> into <paramref name="configDir"/> (what <c>CLAUDE_CONFIG_DIR</c> points at).</summary>
    public static void Write(string configDir, string json)
    {
        Directory.CreateDirectory(configDir);
        File.WriteAllText(Path.Combine(configDir, ".credentials.json"), json);
    }
}

/// <summary>
/// A Claude Code config folder of the test's own (<c>CLAUDE_CONFIG_DIR</c>), and the environment a
/// Cake run needs to read only it: the keyring off and every variable that would make Claude Code
/// (and so the check) ignore the stored login unset.
/// </summary>
internal sealed class CraftedLogin : IDisposable
{
    private readonly TempDirectory _dir = new("clawker-cake-claude-");

    public string ConfigDir => _dir.Path;

    public string CredentialsFile => Path.Combine(ConfigDir, ".credentials.json");

    public void Write(string json) => CraftedCredentials.Write(ConfigDir, json);

    public Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = ConfigDir, ["CLAWKER_KEYRING"] = "none" };
        foreach (var variable in Clawker.Keyring.ClaudeCodeCredentials.OverrideVariables)
        {
            environment[variable] = null;
        }

        return environment;
    }

    public void Dispose() => _dir.Dispose();
}
