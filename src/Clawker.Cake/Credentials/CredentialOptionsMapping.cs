using Cake.Core;
using Clawker.Keyring;

namespace Clawker.Cake.Credentials;

/// <summary>Settings → the library's check options, and its result back. Pure, so unit tests cover it.</summary>
internal static class CredentialOptionsMapping
{
    /// <summary>
    /// The check options. The environment is Cake's (its variables and home folder), not the
    /// process's, so a script's <c>Environment</c> and Cake's test doubles are honoured.
    /// </summary>
    public static CredentialCheckOptions ToCheckOptions(this ClawkerCredentialSettings settings, ICakeEnvironment environment) => new()
    {
        KeyringTimeout = settings.KeyringTimeout,
        KeyringBackend = string.IsNullOrWhiteSpace(settings.KeyringBackend) ? null : settings.KeyringBackend.Trim(),
        Environment = environment.ToClawkerEnvironment(),
    };

    /// <summary>The report of a usable (or overridden) login, with the findings the policies let through.</summary>
    public static ClawkerCredentialReport ToReport(this CredentialCheckResult result, IReadOnlyList<ClawkerCredentialFinding> findings) => new(
        found: true,
        result.Source,
        result.OverriddenBy,
        result.ExpiresAt,
        result.SubscriptionType,
        findings,
        result.Notes);

    /// <summary>The report of a login not found, when the policy lets the build go on.</summary>
    public static ClawkerCredentialReport ToNotFoundReport(this CredentialException notFound) => new(
        found: false,
        notFound.Store,
        overriddenBy: null,
        expiresAt: null,
        subscriptionType: null,
        [new ClawkerCredentialFinding(notFound.Code, notFound.Message)],
        []);
}
