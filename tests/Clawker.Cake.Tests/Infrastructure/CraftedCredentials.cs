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
