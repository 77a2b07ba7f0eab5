namespace Clawker.Keyring;

/// <summary>
/// The one place stored credential fields become text for a log or a message. A credential file
/// is free text: whatever is stored in <c>subscriptionType</c>, <c>rateLimitTier</c> or
/// <c>scopes</c> (a token, pasted in the wrong place) would reach the console and the binlog if
/// shown as it is, so only values Claude Code defines are shown; any other is
/// <see cref="Unrecognised"/>. Use <see cref="ClaudeCodeCredential.ShownSubscriptionType"/> and
/// its siblings rather than these directly.
/// </summary>
internal static class CredentialFields
{
    /// <summary>What is shown instead of a stored value Claude Code does not define.</summary>
    public const string Unrecognised = "unrecognised";

    // Claude Code's subscription types (pro | max | team | enterprise | null).
    private static readonly HashSet<string> Subscriptions = new(StringComparer.Ordinal) { "pro", "max", "team", "enterprise" };

    // Tiers Claude Code is seen to write; it publishes no list, so a new tier shows as unrecognised until added.
    private static readonly HashSet<string> Tiers = new(StringComparer.Ordinal) { "default_claude_ai", "default_claude_max_5x", "default_claude_max_20x" };

    // The OAuth scopes Claude Code requests at login.
    private static readonly HashSet<string> KnownScopes = new(StringComparer.Ordinal)
    {
        ClaudeCodeCredential.InferenceScope, "user:profile", "user:sessions:claude_code", "user:mcp_servers", "user:file_upload", "org:create_api_key",
    };

    /// <summary>The subscription type to show: pro, max, team or enterprise; <see cref="Unrecognised"/> for any other value; <see langword="null"/> when not stated.</summary>
    /// <param name="stored">The stored value.</param>
    /// <returns>The value to show.</returns>
    public static string? Subscription(string? stored) => Known(stored, Subscriptions);

    /// <summary>The rate-limit tier to show: a tier Claude Code is known to write; <see cref="Unrecognised"/> for any other value; <see langword="null"/> when not stated.</summary>
    /// <param name="stored">The stored value.</param>
    /// <returns>The value to show.</returns>
    public static string? RateLimitTier(string? stored) => Known(stored, Tiers);

    /// <summary>The scopes to show, space-separated: known scopes by name, the others counted ("user:inference +2 unrecognised"); <see langword="null"/> when not stated.</summary>
    /// <param name="stored">The stored scopes.</param>
    /// <returns>The text to show.</returns>
    public static string? Scopes(IReadOnlyList<string>? stored)
    {
        if (stored is null)
        {
            return null;
        }

        var known = stored.Where(KnownScopes.Contains).ToList();
        var others = stored.Count - known.Count;
        if (others > 0)
        {
            known.Add($"+{others} {Unrecognised}");
        }

        return known.Count == 0 ? "none" : string.Join(' ', known);
    }

    private static string? Known(string? stored, HashSet<string> defined) =>
        stored is null ? null : defined.Contains(stored) ? stored : Unrecognised;
}
