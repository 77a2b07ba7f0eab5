namespace Clawker.Publishing;

/// <summary>Why pushing the agent image to a registry failed. Each kind has one stable code (see <see cref="RegistryException"/>).</summary>
public enum RegistryErrorKind
{
    /// <summary>CLAWKER6001: the registry refused the credentials (the message names the registry and where the credentials came from).</summary>
    AuthenticationFailed,

    /// <summary>CLAWKER6002: the credentials were accepted but the repository is not theirs to push to.</summary>
    AccessDenied,

    /// <summary>CLAWKER6003: the registry cannot be reached: DNS, refused connection, TLS failure or timeout.</summary>
    Unreachable,

    /// <summary>CLAWKER6004: the credential helper config.json names (<c>docker-credential-&lt;name&gt;</c>) is not installed.</summary>
    HelperMissing,

    /// <summary>CLAWKER6005: the credential helper failed, or printed something that is not its answer.</summary>
    HelperFailed,

    /// <summary>CLAWKER6006: the credential helper did not answer in time and was killed.</summary>
    HelperTimedOut,

    /// <summary>CLAWKER6007: the credentials cannot be read: the password variable is unset, or config.json is unusable.</summary>
    CredentialsUnavailable,

    /// <summary>CLAWKER6008: a push was asked for without a registry.</summary>
    RegistryNotConfigured,

    /// <summary>CLAWKER6009: the engine reported another push failure (in its HTTP 200 stream, or as an error answer).</summary>
    PushFailed,

    /// <summary>CLAWKER6010: the registry takes no pushes (HTTP 405 to an upload): read-only maintenance mode, or a pull-through cache or mirror.</summary>
    ReadOnly,
}
