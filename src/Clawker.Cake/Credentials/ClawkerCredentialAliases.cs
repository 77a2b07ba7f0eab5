using Clawker.Keyring;

namespace Clawker.Cake.Credentials;

/// <summary>Claude Code's login: found in the OS keychain or Claude Code's credentials file, and checked.</summary>
[CakeAliasCategory("Clawker")]
public static class ClawkerCredentialAliases
{
    /// <summary>Checks Claude Code's login with the default policies (a missing or refreshable login is a warning).</summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>Where the login came from, when it expires, and the findings that did not fail.</returns>
    /// <exception cref="CakeException">Starts with the code of the failure: CLAWKER1002-1004, 1006, 1007; see docs/errors.md.</exception>
    [CakeMethodAlias]
    [CakeNamespaceImport("Clawker.Cake")]
    [CakeNamespaceImport("Clawker.Diagnostics")]
    [CakeNamespaceImport("Clawker.Cake.Credentials")]
    public static ClawkerCredentialReport ClawkerValidateCredentials(this ICakeContext context) =>
        ClawkerValidateCredentials(context, new ClawkerCredentialSettings());

    /// <summary>
    /// Checks Claude Code's login: the OS keychain item, then Claude Code's credentials file
    /// (<c>$CLAUDE_CONFIG_DIR/.credentials.json</c>, else <c>~/.claude/.credentials.json</c>). Logs one line
    /// (source, subscription, expiry; never a token); findings become warnings, or failures when their policy says so.
    /// </summary>
    /// <example>
    /// <code>
    /// var login = ClawkerValidateCredentials(new ClawkerCredentialSettings { CredentialNotFound = ClawkerPolicy.Error });
    /// Information("Login from {0}, expires {1}", login.Source, login.ExpiresAt);
    /// </code>
    /// </example>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">Policies, keyring timeout and backend.</param>
    /// <returns>Where the login came from, when it expires, and the findings that did not fail.</returns>
    /// <exception cref="CakeException">
    /// Starts with the code: CLAWKER1001 (not found, policy Error), 1002 (blank), 1003 (not Claude Code's JSON),
    /// 1004 (expired, no refresh token), 1005 (expired but refreshable, policy Error), 1006 (keyring timeout), 1007 (keyring unavailable).
    /// </exception>
    [CakeMethodAlias]
    [CakeNamespaceImport("Clawker.Cake")]
    [CakeNamespaceImport("Clawker.Diagnostics")]
    [CakeNamespaceImport("Clawker.Cake.Credentials")]
    public static ClawkerCredentialReport ClawkerValidateCredentials(this ICakeContext context, ClawkerCredentialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        // Cake aliases are synchronous and Cake runs tasks without a synchronization context.
        var validation = CakeErrors.Run(
            () => CredentialValidation.RunAsync(settings.ToCheckOptions(context.Environment), settings.ToPolicies()).GetAwaiter().GetResult(),
            nameof(ClawkerValidateCredentials));

        foreach (var note in validation.Result?.Notes ?? [])
        {
            context.Log.Verbose("{0}", note);
        }

        var findings = new List<ClawkerCredentialFinding>();
        foreach (var finding in validation.Findings)
        {
            CakeFindings.Relay(context.Log, finding);
            findings.Add(new ClawkerCredentialFinding(finding.Code, finding.Message));
        }

        var report = validation.ToReport(findings);
        if (report.Found)
        {
            context.Log.Information("{0}", report);
        }

        report.GlobalsLogin = CakeErrors.Run(() => context.CheckGlobalsLogin(settings, validation.Result, findings), nameof(ClawkerValidateCredentials));
        return report;
    }
}
