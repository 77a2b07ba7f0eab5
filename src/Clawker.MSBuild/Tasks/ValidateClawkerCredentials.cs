using System.Globalization;
using Clawker.Diagnostics;
using Clawker.Keyring;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Checks Claude Code's stored login with <see cref="ClaudeCodeCredentials.CheckAsync"/>: the OS
/// keychain item, then Claude Code's credentials file. Target <c>ClawkerValidateCredentials</c>.
/// Not found (<c>CLAWKER1001</c>) and expired-but-refreshable (<c>CLAWKER1005</c>) follow their
/// policy; a missing <c>user:inference</c> scope (<c>CLAWKER1008</c>) is a warning; every other
/// failure (<c>CLAWKER1002</c>-<c>1004</c>, <c>1006</c>, <c>1007</c>) is an error. A passing check
/// logs one line (source, expiry, subscription type); no token is ever logged.
/// </summary>
public sealed partial class ValidateClawkerCredentials : EngineTask
{
    /// <summary><c>ClawkerCredentialNotFound</c>: <c>Warning</c> (default), <c>Error</c> or <c>Ignore</c>.</summary>
    public string? NotFound { get; set; }

    /// <summary><c>ClawkerCredentialRefreshable</c>: <c>Warning</c> (default), <c>Error</c> or <c>Ignore</c>.</summary>
    public string? Refreshable { get; set; }

    /// <summary><c>ClawkerKeyringTimeout</c> in milliseconds; empty for <c>CLAWKER_KEYRING_TIMEOUT_MS</c>, else 3000.</summary>
    public string? KeyringTimeout { get; set; }

    /// <summary><c>ClawkerKeyringBackend</c>: <c>secret-service</c>, <c>keychain</c>, <c>wincred</c> or <c>none</c>; empty for <c>CLAWKER_KEYRING</c>, else the OS's store.</summary>
    public string? KeyringBackend { get; set; }

    /// <summary><c>ClawkerRunApiKeyHelper</c>: run Claude Code's <c>apiKeyHelper</c>, when one is set, to check it prints a key. Default <c>false</c>.</summary>
    public bool RunApiKeyHelper { get; set; }

    /// <summary>The project's folder (<c>$(MSBuildProjectDirectory)</c>): Claude Code's project settings are read from its <c>.claude</c> folder.</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>Where the login was read, or the environment variable that overrides it; empty when none was found.</summary>
    [Output]
    public string Source { get; private set; } = string.Empty;

    /// <summary>When the access token expires (ISO 8601, UTC); empty when not stated.</summary>
    [Output]
    public string ExpiresAt { get; private set; } = string.Empty;

    /// <summary>pro, max, team, enterprise, <c>unrecognised</c> for any other stored value; empty when not stated.</summary>
    [Output]
    public string SubscriptionType { get; private set; } = string.Empty;

    /// <summary><c>ClawkerNativeTaskHost</c>: run in clawker-taskhost, the task compiled with Native AOT, where the package has one for this platform (linux-x64); default <see langword="false"/>, which the targets set to <see langword="true"/>.</summary>
    public bool UseNativeTaskHost { get; set; }

    /// <inheritdoc />
    private protected override bool RunsInNativeTaskHost => UseNativeTaskHost;

    /// <summary>Options for the library; tests replace the environment and the keyring here.</summary>
    internal Func<CredentialCheckOptions, CredentialCheckOptions> ConfigureOptions { get; set; } = o => o;

    /// <summary>The host's login: the keychain item, then Claude Code's file.</summary>
    private CredentialCheckResult? RunHost(CancellationToken cancellationToken)
    {
        Policies = ClawkerPolicies.Default with
        {
            CredentialNotFound = ClawkerSettingParser.Policy(SettingKeys.CredentialNotFound, NotFound, ClawkerPolicy.Warning),
            CredentialRefreshable = ClawkerSettingParser.Policy(SettingKeys.CredentialRefreshable, Refreshable, ClawkerPolicy.Warning),
        };
        var options = ConfigureOptions(new CredentialCheckOptions
        {
            KeyringTimeout = ClawkerSettingParser.Milliseconds(SettingKeys.KeyringTimeout, KeyringTimeout),
            KeyringBackend = ClawkerSettingParser.Text(KeyringBackend),
            RunApiKeyHelper = RunApiKeyHelper,
            ProjectDirectory = ClawkerSettingParser.Text(ProjectDirectory),
        });

        var validation = CredentialValidation.RunAsync(options, Policies, cancellationToken).GetAwaiter().GetResult();
        if (validation.Result is not { } result)
        {
            validation.Findings.ToList().ForEach(Relay);
            return null;
        }

        Source = result.Source;
        if (result.IsOverridden)
        {
            Log.LogMessage(MessageImportance.Normal,
                "Clawker credentials: {0}, so Claude Code will not use a stored login; the stored login was not checked.", CredentialCheckResult.OverrideText(result.OverriddenBy!, result.Source));
            return result;
        }

        foreach (var note in result.Notes)
        {
            Log.LogMessage(MessageImportance.Low, "Clawker credentials: note: {0}", note);
        }

        foreach (var finding in validation.Findings)
        {
            Relay(finding);
        }

        ExpiresAt = result.ExpiresAt?.ToString("u", CultureInfo.InvariantCulture) ?? string.Empty;
        SubscriptionType = result.SubscriptionType ?? string.Empty;
        Log.LogMessage(MessageImportance.Normal, "Clawker credentials: Claude Code login from {0}, expires {1}, subscription {2}.",
            result.Source, ExpiresAt.Length > 0 ? ExpiresAt : "(not stated)", SubscriptionType.Length > 0 ? SubscriptionType : "(not stated)");
        return result;
    }
}
