namespace Clawker.Docker;

/// <summary>Why talking to the Docker engine failed. Each kind has one stable code (see <see cref="DockerEngineException"/>).</summary>
public enum DockerEngineErrorKind
{
    /// <summary>CLAWKER2001: the engine cannot be reached (socket missing, connection refused, timeout, bad address or context).</summary>
    Unreachable,

    /// <summary>CLAWKER2002: a volume of clawker's name exists without clawker's labels (or for another purpose); clawker never adopts it.</summary>
    VolumeLabelConflict,

    /// <summary>CLAWKER2003: the engine's socket refused this user.</summary>
    PermissionDenied,

    /// <summary>CLAWKER2004: the engine speaks an API older than <see cref="DockerEngine.MinimumApiVersion"/>.</summary>
    ApiTooOld,

    /// <summary>CLAWKER2005: the engine answered a request with an error (for example a full disk or a broken volume driver), or with something that is not the Engine API.</summary>
    RequestFailed,

    /// <summary>CLAWKER2013: an <c>ssh://</c> address cannot be used (password, query, option-like or malformed part).</summary>
    SshAddressInvalid = 13,

    /// <summary>CLAWKER2014: ssh refused the remote host's key (unknown or changed).</summary>
    SshHostKeyRejected = 14,

    /// <summary>CLAWKER2015: the ssh server refused to log in.</summary>
    SshAuthenticationFailed = 15,

    /// <summary>CLAWKER2016: ssh cannot reach the host (refused, timed out, unknown name).</summary>
    SshConnectFailed = 16,

    /// <summary>CLAWKER2017: the remote host has no <c>docker</c> command on its PATH.</summary>
    SshRemoteDockerMissing = 17,

    /// <summary>CLAWKER2018: the remote <c>docker</c> reaches no engine.</summary>
    SshRemoteEngineUnreachable = 18,

    /// <summary>CLAWKER2019: the ssh client cannot be run, or failed for another reason.</summary>
    SshFailed = 19,
}
