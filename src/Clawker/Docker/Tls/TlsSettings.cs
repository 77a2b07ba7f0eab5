namespace Clawker.Docker;

/// <summary>
/// Which TLS the docker CLI would speak to an address it did not take from a context: from
/// <c>--tlsverify</c>/<c>DOCKER_TLS_VERIFY</c> (any non-empty value, "0" included, as the CLI reads it)
/// or <c>DOCKER_TLS</c>, with files from <c>DOCKER_CERT_PATH</c>, else the docker config folder.
/// </summary>
internal static class TlsSettings
{
    public const string CaFile = "ca.pem";
    public const string CertFile = "cert.pem";
    public const string KeyFile = "key.pem";

    /// <summary>The TLS for the host option, <c>DOCKER_HOST</c> or the TLS default host; <see langword="null"/> for plain HTTP.</summary>
    public static DockerTls? FromOptions(DockerEndpointOptions options, string configDirectory)
    {
        var env = options.Environment;
        var verifyName = options.OptionName("DockerTlsVerify", "TlsVerify");
        var (verify, verifyOrigin) = options.TlsVerify switch
        {
            true => (true, verifyName),
            false => (false, null),
            null => (env.Variable("DOCKER_TLS_VERIFY") is not null, "DOCKER_TLS_VERIFY"),
        };
        var unverified = !verify && env.Variable("DOCKER_TLS") is not null;
        if (!verify && !unverified)
        {
            return null;
        }

        var (folder, folderOrigin) = options.CertPath is { } certPath ? (certPath, options.OptionName("DockerCertPath", "CertPath"))
            : env.Variable("DOCKER_CERT_PATH") is { } variable ? (variable, "DOCKER_CERT_PATH")
            : (configDirectory, "the docker config folder");
        var origin = $"{(verify ? verifyOrigin : "DOCKER_TLS")}, files from {folderOrigin}";
        return FromFolder(folder, verify, caRequired: verify, origin, env.FileExists);
    }

    /// <summary>
    /// The TLS files of a folder: the CA when verifying (required from the environment, as the CLI
    /// reads it; optional in a context, where the system's CAs apply); the client certificate when
    /// <c>cert.pem</c> or <c>key.pem</c> exists (a lone one fails later, naming the other).
    /// </summary>
    public static DockerTls FromFolder(string folder, bool verify, bool caRequired, string origin, Func<string, bool> exists)
    {
        var ca = Path.Combine(folder, CaFile);
        var cert = Path.Combine(folder, CertFile);
        var key = Path.Combine(folder, KeyFile);
        var client = exists(cert) || exists(key);
        return new DockerTls(
            verify,
            verify && (caRequired || exists(ca)) ? ca : null,
            client ? cert : null,
            client ? key : null,
            origin);
    }

    /// <summary>tcp:// with TLS and no port: 2376, the TLS port of dockerd and of the docker CLI's default host.</summary>
    public static Uri WithDefaultPort(Uri uri) => WithPort(uri, DockerTls.DefaultPort);

    /// <summary>The address with <paramref name="port"/> when it has none, written as a user would (no trailing slash, which UriBuilder adds).</summary>
    public static Uri WithPort(Uri uri, int port) =>
        uri.Port >= 0 ? uri : new Uri($"{uri.Scheme}://{(uri.UserInfo.Length > 0 ? uri.UserInfo + "@" : "")}{uri.Host}:{port}{(uri.PathAndQuery == "/" ? "" : uri.PathAndQuery)}");
}
