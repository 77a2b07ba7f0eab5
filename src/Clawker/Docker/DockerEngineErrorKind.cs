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
}
