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

    /// <summary>CLAWKER2006: a TLS file (<c>ca.pem</c>, <c>cert.pem</c>, <c>key.pem</c>) is missing, unreadable, or not a usable PEM certificate or key; the message names the file, never its content.</summary>
    TlsFilesUnusable,

    /// <summary>CLAWKER2007: the engine demands a client certificate and none was sent, or it refused the one sent.</summary>
    TlsClientCertificateRefused,

    /// <summary>CLAWKER2008: the engine's certificate does not chain to the trusted CA (wrong <c>ca.pem</c>), or is expired.</summary>
    TlsServerUntrusted,

    /// <summary>CLAWKER2009: the engine's certificate names other hosts than the address used.</summary>
    TlsNameMismatch,

    /// <summary>CLAWKER2010: plain HTTP was sent to an engine that speaks only TLS (DOCKER_TLS_VERIFY unset).</summary>
    TlsRequired,

    /// <summary>CLAWKER2011: TLS was spoken to an engine that answers in plain HTTP.</summary>
    TlsNotSpoken,

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
