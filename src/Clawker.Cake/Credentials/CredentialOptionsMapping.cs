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
        RunApiKeyHelper = settings.RunApiKeyHelper,
        ProjectDirectory = environment.WorkingDirectory.FullPath,
    };

    /// <summary>The policies the settings chose, for the library to classify the findings.</summary>
    public static ClawkerPolicies ToPolicies(this ClawkerCredentialSettings settings) => ClawkerPolicies.Default with
    {
        CredentialNotFound = settings.CredentialNotFound,
        CredentialRefreshable = settings.CredentialRefreshable,
    };

    /// <summary>The report: a usable (or overridden) login, or none found when the policy let the build go on; with the findings that did not fail.</summary>
    public static ClawkerCredentialReport ToReport(this CredentialValidation validation, IReadOnlyList<ClawkerCredentialFinding> findings) => new(
        validation.Found,
        validation.Source,
        validation.Result?.OverriddenBy,
        validation.Result?.ExpiresAt,
        validation.Result?.SubscriptionType,
        findings,
        validation.Result?.Notes ?? []);
}
