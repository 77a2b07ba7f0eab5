namespace Clawker.Cake.Credentials;

/// <summary>
/// Settings of <see cref="ClawkerCredentialAliases.ClawkerValidateCredentials(global::Cake.Core.ICakeContext, ClawkerCredentialSettings)"/>. Same options and
/// defaults as the MSBuild properties named in each property's remarks.
/// </summary>
public sealed partial class ClawkerCredentialSettings : ClawkerEngineSettings
{
    /// <summary>
    /// What a missing credential (CLAWKER1001) does: <see cref="ClawkerPolicy.Warning"/> by default,
    /// so a machine without a Claude login still builds. MSBuild: <c>ClawkerCredentialNotFound</c>.
    /// </summary>
    public ClawkerPolicy CredentialNotFound { get; set; } = ClawkerPolicy.Warning;

    /// <summary>
    /// What an expired access token with a refresh token (CLAWKER1005) does: <see cref="ClawkerPolicy.Warning"/>
    /// by default, since Claude Code refreshes it on first use. MSBuild: <c>ClawkerCredentialRefreshable</c>.
    /// </summary>
    public ClawkerPolicy CredentialRefreshable { get; set; } = ClawkerPolicy.Warning;

    /// <summary>Old name of <see cref="CredentialNotFound"/>.</summary>
    [Obsolete("Use CredentialNotFound (MSBuild: ClawkerCredentialNotFound).")]
    public ClawkerPolicy NotFound { get => CredentialNotFound; set => CredentialNotFound = value; }

    /// <summary>Old name of <see cref="CredentialRefreshable"/>.</summary>
    [Obsolete("Use CredentialRefreshable (MSBuild: ClawkerCredentialRefreshable).")]
    public ClawkerPolicy Refreshable { get => CredentialRefreshable; set => CredentialRefreshable = value; }

    /// <summary>
    /// Bound on each keyring call; unset means <c>CLAWKER_KEYRING_TIMEOUT_MS</c>, else 3 seconds.
    /// MSBuild: <c>ClawkerKeyringTimeout</c> (milliseconds).
    /// </summary>
    public TimeSpan? KeyringTimeout { get; set; }

    /// <summary>
    /// The keyring to read: <c>secret-service</c>, <c>keychain</c>, <c>wincred</c> or <c>none</c> (Claude Code's
    /// credentials file only). Unset: <c>CLAWKER_KEYRING</c>, else the OS's own store.
    /// MSBuild: <c>ClawkerKeyringBackend</c>.
    /// </summary>
    public string? KeyringBackend { get; set; }

    /// <summary>
    /// Run Claude Code's <c>apiKeyHelper</c>, when a settings file sets one, to check that it prints a key (bounded by the
    /// keyring timeout; its output is never shown or kept). Off by default: it runs the user's code.
    /// MSBuild: <c>ClawkerRunApiKeyHelper</c>.
    /// </summary>
    public bool RunApiKeyHelper { get; set; }
}
