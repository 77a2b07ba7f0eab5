// ValidateCredentials: checks Claude Code's login with ClawkerValidateCredentials (the OS keychain,
// then $CLAUDE_CONFIG_DIR/.credentials.json or ~/.claude/.credentials.json) and prints its source,
// subscription and expiry, never a token. A missing or refreshable login is a warning by default.
// Options, as Cake arguments (same values as the MSBuild properties):
//   --credential-not-found=Warning|Error|Ignore      (ClawkerCredentialNotFound)
//   --credential-refreshable=Warning|Error|Ignore    (ClawkerCredentialRefreshable)
//   --keyring-timeout=MS                             (ClawkerKeyringTimeout; else CLAWKER_KEYRING_TIMEOUT_MS, else 3000)
// CLAWKER_KEYRING=none reads Claude Code's file only.

Task("ValidateCredentials")
    .Does(() =>
{
    ClawkerValidateCredentials(new ClawkerCredentialSettings
    {
        CredentialNotFound = Argument("credential-not-found", ClawkerPolicy.Warning),
        CredentialRefreshable = Argument("credential-refreshable", ClawkerPolicy.Warning),
        KeyringTimeout = HasArgument("keyring-timeout") ? TimeSpan.FromMilliseconds(Argument<int>("keyring-timeout")) : null,
    });
});
