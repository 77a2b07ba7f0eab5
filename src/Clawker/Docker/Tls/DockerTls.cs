namespace Clawker.Docker;

/// <summary>
/// How clawker speaks TLS to a <c>tcp://</c> engine, as the docker CLI would: the files it uses
/// (paths only; they are read when connecting) and whether the engine's certificate is verified.
/// </summary>
/// <param name="Verify">Whether the engine's certificate is checked (its CA and its name); <see langword="false"/> for <c>DOCKER_TLS</c> or a context's <c>SkipTLSVerify</c>.</param>
/// <param name="CaFile">The CA the engine's certificate must chain to (<c>ca.pem</c>); <see langword="null"/> for the system's CAs (or no verification).</param>
/// <param name="CertFile">The client certificate (<c>cert.pem</c>); <see langword="null"/> when none is sent.</param>
/// <param name="KeyFile">The client certificate's private key (<c>key.pem</c>); never read into any message.</param>
/// <param name="Origin">Where these settings came from, for messages: for example <c>DOCKER_TLS_VERIFY, files from DOCKER_CERT_PATH</c>.</param>
public sealed record DockerTls(bool Verify, string? CaFile, string? CertFile, string? KeyFile, string Origin)
{
    /// <summary>The engine port the docker CLI and dockerd use for TLS when none is given.</summary>
    public const int DefaultPort = 2376;

    /// <summary>The TLS part of the endpoint line, for example <c>TLS verified with /certs/ca.pem, client certificate /certs/cert.pem; DOCKER_TLS_VERIFY</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var verified = !Verify ? "TLS NOT verified" : CaFile is null ? "TLS verified with the system's CAs" : $"TLS verified with {CaFile}";
        var client = CertFile is null ? "no client certificate" : $"client certificate {CertFile}";
        return $"{verified}, {client}; {Origin}";
    }
}
