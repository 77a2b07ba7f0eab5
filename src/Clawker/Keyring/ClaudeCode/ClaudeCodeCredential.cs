namespace Clawker.Keyring;

/// <summary>
/// Claude Code's stored subscription login, typed. Tokens are <see cref="SecretBlob"/>s so the
/// record prints without them. Pass the raw text (<see cref="CredentialCheckResult.RawBlob"/>) on, never a
/// re-serialised copy of this model: it drops keys Claude Code needs.
/// </summary>
/// <param name="AccessToken">The OAuth access token.</param>
/// <param name="RefreshToken">The refresh token, when there is one.</param>
/// <param name="ExpiresAt">When the access token expires, when stated.</param>
/// <param name="Scopes">The granted scopes, when stated.</param>
/// <param name="SubscriptionType">As stored: pro, max, team, enterprise, or none stated; anything may be stored here, so show <see cref="ShownSubscriptionType"/>, never this.</param>
/// <param name="RateLimitTier">The rate-limit tier as stored, when stated; show <see cref="ShownRateLimitTier"/>, never this.</param>
/// <param name="OrganizationUuid">The organisation, when stated.</param>
public sealed record ClaudeCodeCredential(
    SecretBlob AccessToken,
    SecretBlob? RefreshToken,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string>? Scopes,
    string? SubscriptionType,
    string? RateLimitTier,
    Guid? OrganizationUuid)
{
    /// <summary>The scope a login needs to call the model.</summary>
    public const string InferenceScope = "user:inference";

    /// <summary>Whether the access token has expired at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> when an expiry is stated and is not after <paramref name="now"/>.</returns>
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } at && at <= now;

    /// <summary>Whether the scopes are stated and lack <see cref="InferenceScope"/>.</summary>
    public bool LacksInferenceScope => Scopes is not null && !Scopes.Contains(InferenceScope, StringComparer.Ordinal);

    /// <summary>
    /// <see cref="SubscriptionType"/> as logs and messages may show it: a value Claude Code defines
    /// (pro, max, team, enterprise), <c>unrecognised</c> for anything else
    /// (a token pasted there must not reach a log), <see langword="null"/> when not stated.
    /// </summary>
    public string? ShownSubscriptionType => CredentialFields.Subscription(SubscriptionType);

    /// <summary><see cref="RateLimitTier"/> as logs may show it: a tier Claude Code is known to write, else <c>unrecognised</c>; <see langword="null"/> when not stated.</summary>
    public string? ShownRateLimitTier => CredentialFields.RateLimitTier(RateLimitTier);

    /// <summary><see cref="Scopes"/> as logs may show them: the scopes Claude Code requests, each other one counted as unrecognised; <see langword="null"/> when not stated.</summary>
    public string? ShownScopes => CredentialFields.Scopes(Scopes);

    /// <summary>A summary without tokens, showing stored fields only through the Shown* properties.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"Claude Code login (subscription {ShownSubscriptionType ?? "none stated"}, expires {ExpiresAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "not stated"}, refresh token {(RefreshToken is null ? "absent" : "present")}, scopes {ShownScopes ?? "not stated"})";
}
