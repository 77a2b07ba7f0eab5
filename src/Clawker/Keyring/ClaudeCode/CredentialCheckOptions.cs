namespace Clawker.Keyring;

/// <summary>How <see cref="ClaudeCodeCredentials.CheckAsync"/> reads: keyring timeout and backend, environment, clock.</summary>
public sealed class CredentialCheckOptions
{
    /// <summary>Bound on the keyring read; unset: <c>CLAWKER_KEYRING_TIMEOUT_MS</c>, else 3 s.</summary>
    public TimeSpan? KeyringTimeout { get; init; }

    /// <summary>secret-service, keychain, wincred or none; unset: <c>CLAWKER_KEYRING</c>, else the OS's store.</summary>
    public string? KeyringBackend { get; init; }

    /// <summary>Environment variables, home directory and OS user; the process's by default.</summary>
    public ClawkerEnvironment Environment { get; init; } = ClawkerEnvironment.Process;

    /// <summary>A keyring to use instead of the one the options select (tests, hosts sharing one).</summary>
    public IKeyring? Keyring { get; init; }

    /// <summary>The clock that decides expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The project folder Claude Code will run in, for its project settings (<c>.claude/settings.local.json</c>,
    /// <c>.claude/settings.json</c>) and as the folder an <c>apiKeyHelper</c> runs from; unset: those files are not read.
    /// MSBuild passes the project's folder, Cake its working folder.
    /// </summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>
    /// Whether to run the <c>apiKeyHelper</c>, when one is set, to check that it prints a key (bounded by the keyring
    /// timeout). Off by default: it runs the user's code. MSBuild <c>ClawkerRunApiKeyHelper</c>, Cake <c>RunApiKeyHelper</c>.
    /// </summary>
    public bool RunApiKeyHelper { get; init; }

    /// <summary>The managed-settings folder; unset: the OS's (tests point it elsewhere).</summary>
    internal string? ManagedSettingsDirectory { get; init; }

    /// <summary>The keyring these options select.</summary>
    /// <returns><see cref="Keyring"/>, or a new one from the timeout, backend and environment.</returns>
    public IKeyring CreateKeyring() => Keyring ?? Keyrings.Create(new KeyringOptions
    {
        Timeout = KeyringTimeout,
        Backend = KeyringBackend,
        Environment = Environment,
    });
}
