using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clawker.MSBuild.Tests.Infrastructure;

/// <summary>Claude Code credential blobs for tests, shaped as Claude Code writes them.</summary>
internal static class CredentialJson
{
    public static readonly DateTimeOffset Future = DateTimeOffset.UtcNow.AddDays(30);

    public static readonly DateTimeOffset Past = DateTimeOffset.UtcNow.AddDays(-1);

    /// <summary>A unique access token, so a test can look for it anywhere in the output.</summary>
    public static string NewToken() => "sk-ant-oat01-clawkertest-" + Guid.NewGuid().ToString("N");

    public static string Create(
        string accessToken,
        DateTimeOffset? expiresAt = null,
        string? refreshToken = "sk-ant-ort01-clawkertest-refresh",
        string[]? scopes = null,
        string? subscriptionType = "max",
        string? organizationUuid = "550e8400-e29b-41d4-a716-446655440000")
    {
        var oauth = new JsonObject
        {
            ["accessToken"] = accessToken,
            ["expiresAt"] = (expiresAt ?? Future).ToUnixTimeMilliseconds(),
            ["scopes"] = new JsonArray((scopes ?? ["user:inference", "user:profile"]).Select(s => (JsonNode)s!).ToArray()),
            ["subscriptionType"] = subscriptionType,
            ["rateLimitTier"] = "default_claude_max_5x",
        };
        if (refreshToken is not null)
        {
            oauth["refreshToken"] = refreshToken;
        }

        var root = new JsonObject { ["claudeAiOauth"] = oauth };
        if (organizationUuid is not null)
        {
            root["organizationUuid"] = organizationUuid;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
