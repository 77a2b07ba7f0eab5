using System.Globalization;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// Claude Code login JSON (<c>.credentials.json</c> or the keychain item) shaped as Claude Code
/// writes it, with tokens a test can search for anywhere in the output.
/// </summary>
internal static class ClaudeLogin
{
    /// <summary>The refresh token a login gets unless the test names one.</summary>
    public const string RefreshToken = "sk-ant-ort01-clawkertest-refresh";

    /// <summary>The organization a login gets unless the test names one.</summary>
    public const string OrganizationUuid = "550e8400-e29b-41d4-a716-446655440000";

    /// <summary>Claude Code's usual scopes (inference among them).</summary>
    public static readonly IReadOnlyList<string> DefaultScopes = ["user:inference", "user:profile"];

    /// <summary>An expiry well ahead (30 days from the test run's start).</summary>
    public static readonly DateTimeOffset Future = DateTimeOffset.UtcNow.AddDays(30);

    /// <summary>An expiry passed (a day before the test run's start).</summary>
    public static readonly DateTimeOffset Past = DateTimeOffset.UtcNow.AddDays(-1);

    /// <summary>A unique access token, so a leak check cannot match anything else.</summary>
    public static string NewAccessToken() => "sk-ant-oat01-clawkertest-" + Guid.NewGuid().ToString("N");

    /// <summary>The file Claude Code reads in a config folder (what <c>CLAUDE_CONFIG_DIR</c> points at, or ~/.claude).</summary>
    public static string FileIn(string configDir) => Path.Combine(configDir, ".credentials.json");

    /// <summary>Writes <paramref name="json"/> as the login file of <paramref name="configDir"/> (created if missing); returns the file.</summary>
    public static string WriteFile(string configDir, string json)
    {
        Directory.CreateDirectory(configDir);
        File.WriteAllText(FileIn(configDir), json);
        return FileIn(configDir);
    }

    /// <summary>
    /// A well-formed login expiring at <paramref name="expiresAt"/> (default <see cref="Future"/>);
    /// a null refresh token, subscription or organization leaves that member out.
    /// </summary>
    public static string Json(
        string accessToken,
        DateTimeOffset? expiresAt = null,
        string? refreshToken = RefreshToken,
        IEnumerable<string>? scopes = null,
        string? subscriptionType = "max",
        string? organizationUuid = OrganizationUuid) =>
        RawJson(
            accessToken,
            refreshToken,
            (expiresAt ?? Future).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "[" + string.Join(", ", (scopes ?? DefaultScopes).Select(Quote)) + "]",
            subscriptionType is null ? null : Quote(subscriptionType),
            organizationUuid is null ? null : Quote(organizationUuid));

    /// <summary>
    /// A login with its values written as given, unescaped (so a test can plant a wrong type, a
    /// NUL or a token in any member): the tokens go between quotes, the rest is JSON text.
    /// </summary>
    /// <param name="extraMembers">Further top-level members, as JSON text (<c>"name": value</c>).</param>
    public static string RawJson(
        string accessToken,
        string? refreshToken,
        string expiresAt,
        string scopes,
        string? subscriptionType = "\"max\"",
        string? organizationUuid = "\"" + OrganizationUuid + "\"",
        string? extraMembers = null,
        string? rateLimitTier = "\"default_claude_max_5x\"")
    {
        List<string> oauth = [$"\"accessToken\": \"{accessToken}\""];
        if (refreshToken is not null)
        {
            oauth.Add($"\"refreshToken\": \"{refreshToken}\"");
        }

        oauth.Add($"\"expiresAt\": {expiresAt}");
        oauth.Add($"\"scopes\": {scopes}");
        if (subscriptionType is not null)
        {
            oauth.Add($"\"subscriptionType\": {subscriptionType}");
        }

        if (rateLimitTier is not null)
        {
            oauth.Add($"\"rateLimitTier\": {rateLimitTier}");
        }

        List<string> root = ["\"claudeAiOauth\": {\n    " + string.Join(",\n    ", oauth) + "\n  }"];
        if (organizationUuid is not null)
        {
            root.Add($"\"organizationUuid\": {organizationUuid}");
        }

        if (extraMembers is not null)
        {
            root.Add(extraMembers);
        }

        return "{\n  " + string.Join(",\n  ", root) + "\n}";
    }

    private static string Quote(string value) => $"\"{value}\"";
}
