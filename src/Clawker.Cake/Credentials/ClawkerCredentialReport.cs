using System.Globalization;
using Clawker.Keyring;

namespace Clawker.Cake.Credentials;

/// <summary>What <see cref="ClawkerCredentialAliases"/> found. Safe to print: it never holds a token.</summary>
public sealed class ClawkerCredentialReport
{
    internal ClawkerCredentialReport(
        bool found,
        string source,
        string? overriddenBy,
        DateTimeOffset? expiresAt,
        string? subscriptionType,
        IReadOnlyList<ClawkerCredentialFinding> findings,
        IReadOnlyList<string> notes)
    {
        Found = found;
        Source = source;
        OverriddenBy = overriddenBy;
        ExpiresAt = expiresAt;
        SubscriptionType = subscriptionType;
        Findings = findings;
        Notes = notes;
    }

    /// <summary>
    /// Whether a usable login was found (or an environment variable makes one unnecessary). <see langword="false"/>
    /// only when none was found and <see cref="ClawkerCredentialSettings.CredentialNotFound"/> let the build go on.
    /// </summary>
    public bool Found { get; }

    /// <summary>Where the login was read (a keyring item or a file), or where it was looked for when not found.</summary>
    public string Source { get; }

    /// <summary>The environment variable (for example <c>ANTHROPIC_API_KEY</c>) that makes Claude Code ignore a stored login; then no store was read.</summary>
    public string? OverriddenBy { get; }

    /// <summary>When the access token expires, when the login states it.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>pro, max, team, enterprise, <c>unrecognised</c> for any other stored value, or <see langword="null"/> when not stated.</summary>
    public string? SubscriptionType { get; }

    /// <summary>Warnings that did not fail the build: CLAWKER1001 (not found), CLAWKER1005 (expired, refreshable), CLAWKER1008 (scope).</summary>
    public IReadOnlyList<ClawkerCredentialFinding> Findings { get; }

    /// <summary>Why earlier sources were passed over (for example the keyring was unavailable), and how the store chose the item (for example among duplicates).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The login on <c>clawker-globals</c>, the one the agents use: found, absent, seeded, or not checked (no engine).</summary>
    public Clawker.GlobalsLogin.GlobalsLoginReport? GlobalsLogin { get; internal set; }

    /// <summary>One line for logs, without tokens.</summary>
    public override string ToString()
    {
        if (OverriddenBy is not null)
        {
            return $"Claude Code will not use a stored login: {CredentialCheckResult.OverrideText(OverriddenBy, Source)}";
        }

        if (!Found)
        {
            return $"No Claude Code login ({Source})";
        }

        var expires = ExpiresAt?.ToString("u", CultureInfo.InvariantCulture) ?? "not stated";
        var findings = Findings.Count == 0 ? "none" : string.Join(", ", Findings.Select(f => f.Code));
        return $"Claude Code login from {Source} (subscription {SubscriptionType ?? "not stated"}, expires {expires}, findings {findings})";
    }
}
