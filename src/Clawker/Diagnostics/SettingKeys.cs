namespace Clawker.Diagnostics;

/// <summary>
/// The keys of the settings the library parses from text, as <see cref="ClawkerSettingException.Key"/>
/// carries them: each is the Cake setting's name, and <c>Clawker</c> + the key is the MSBuild
/// property (docs/settings.md).
/// </summary>
public static class SettingKeys
{
    /// <summary>What a missing login does.</summary>
    public const string CredentialNotFound = nameof(CredentialNotFound);

    /// <summary>What an expired but refreshable login does.</summary>
    public const string CredentialRefreshable = nameof(CredentialRefreshable);

    /// <summary>Bound on the keyring read.</summary>
    public const string KeyringTimeout = nameof(KeyringTimeout);

    /// <summary>What an unreachable Docker engine does.</summary>
    public const string EngineUnreachable = nameof(EngineUnreachable);

    /// <summary>Bound on connecting to the engine.</summary>
    public const string ConnectTimeout = nameof(ConnectTimeout);

    /// <summary>Bound on each engine request.</summary>
    public const string RequestTimeout = nameof(RequestTimeout);

    /// <summary>The engine address.</summary>
    public const string DockerHost = nameof(DockerHost);
}
