// ValidateCredentials: checks Claude Code's login with ClawkerValidateCredentials (the OS keychain,
// then $CLAUDE_CONFIG_DIR/.credentials.json or ~/.claude/.credentials.json) and prints its source,
// subscription and expiry, never a token. A missing or refreshable login is a warning by default.
// Options, as Cake arguments (same values as the MSBuild properties):
//   --credential-not-found=Warning|Error|Ignore      (ClawkerCredentialNotFound)
//   --credential-refreshable=Warning|Error|Ignore    (ClawkerCredentialRefreshable)
//   --keyring-timeout=MS                             (ClawkerKeyringTimeout; else CLAWKER_KEYRING_TIMEOUT_MS, else 3000)
//   --docker-host=URI                                (ClawkerDockerHost) the engine whose clawker-globals is checked
//   --engine-unreachable=Warning|Error|Ignore        (ClawkerEngineUnreachable; unset: the volume is checked when an engine answers)
//   --seed-globals-login                             (ClawkerSeedGlobalsLogin) copy the host's login into an empty clawker-globals;
//                                                    host and agents then share one refresh token (CI: prefer claude setup-token)
// CLAWKER_KEYRING=none reads Claude Code's file only. After the host's login, the login the agents
// will use, .credentials.json on clawker-globals, is checked too (an expired one fails here).

Task("ValidateCredentials")
    .Does(() =>
{
    ClawkerValidateCredentials(new ClawkerCredentialSettings
    {
        CredentialNotFound = Argument("credential-not-found", ClawkerPolicy.Warning),
        CredentialRefreshable = Argument("credential-refreshable", ClawkerPolicy.Warning),
        KeyringTimeout = HasArgument("keyring-timeout") ? TimeSpan.FromMilliseconds(Argument<int>("keyring-timeout")) : null,
        DockerHost = Argument<string>("docker-host", null),
        EngineUnreachable = HasArgument("engine-unreachable") ? Argument<ClawkerPolicy>("engine-unreachable") : null,
        SeedGlobalsLogin = HasArgument("seed-globals-login"),
        AgentUid = Argument<string>("uid", null),
        AgentGid = Argument<string>("gid", null),
    });
});
