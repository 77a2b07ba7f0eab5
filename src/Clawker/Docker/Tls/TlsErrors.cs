using System.Net;
using System.Security.Authentication;
using Docker.DotNet;

namespace Clawker.Docker;

/// <summary>
/// Names which TLS failure happened (CLAWKER2007-2011), from what the handshake saw
/// (<see cref="TlsSession"/>) and, for plain HTTP sent to a TLS engine, dockerd's own answer.
/// </summary>
internal static class TlsErrors
{
    // dockerd's (Go's) answer to plain HTTP on a TLS port.
    private const string HttpToHttps = "Client sent an HTTP request to an HTTPS server";

    public static DockerEngineException? Translate(Exception failure, DockerEndpoint endpoint, TlsSession? tls)
    {
        if (tls is null)
        {
            return failure is DockerApiException { StatusCode: HttpStatusCode.BadRequest } api && (api.ResponseBody ?? "").Contains(HttpToHttps, StringComparison.Ordinal)
                ? DockerEngineException.Tls(DockerEngineErrorKind.TlsRequired, endpoint,
                    $"The Docker engine at {endpoint} speaks only TLS, and clawker sent plain HTTP (the engine answered \"{HttpToHttps}.\"). " +
                    "Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with its ca.pem, cert.pem and key.pem (GitLab's docker:dind: DOCKER_CERT_PATH=$DOCKER_TLS_CERTDIR/client), " +
                    "or the DockerTlsVerify and DockerCertPath settings.")
                : null;
        }

        if (tls.Rejected is { } rejected)
        {
            return rejected.Kind == DockerEngineErrorKind.TlsNameMismatch
                ? DockerEngineException.Tls(rejected.Kind, endpoint,
                    $"The Docker engine at {endpoint} is not the host its TLS certificate names: {rejected.Why}, not {endpoint.Uri.Host}. " +
                    "Use an address the certificate names (DOCKER_HOST=tcp://NAME:PORT), or have the engine's certificate reissued with this one in its subjectAltName.",
                    EngineErrors.Vetted(failure))
                : DockerEngineException.Tls(rejected.Kind, endpoint,
                    $"The Docker engine at {endpoint} is not trusted: {rejected.Why}. " +
                    "Point DOCKER_CERT_PATH at the folder with the CA that signed the engine's certificate (its ca.pem), or check that the certificate has not expired.",
                    EngineErrors.Vetted(failure));
        }

        // After the first answer, a failure is the connection's, not the handshake's.
        if (tls.Established || !IsTlsFailure(failure))
        {
            return null;
        }

        if (!tls.ServerCertificateSeen)
        {
            return DockerEngineException.Tls(DockerEngineErrorKind.TlsNotSpoken, endpoint,
                $"The Docker engine at {endpoint} did not answer the TLS handshake: it sent no certificate, so it speaks plain HTTP (or is no TLS service). " +
                "Unset DOCKER_TLS_VERIFY and DOCKER_TLS (and the DockerTlsVerify setting) for a plain engine, or use the engine's TLS port (usually 2376).",
                EngineErrors.Vetted(failure));
        }

        return tls.ClientCertificate is null
            ? DockerEngineException.Tls(DockerEngineErrorKind.TlsClientCertificateRefused, endpoint,
                $"The Docker engine at {endpoint} demands a client certificate (it runs with --tlsverify) and clawker has none to send: " +
                $"no cert.pem and key.pem ({tls.Settings.Origin}). Put the client certificate and key there (GitLab's docker:dind: DOCKER_CERT_PATH=$DOCKER_TLS_CERTDIR/client).",
                EngineErrors.Vetted(failure))
            : DockerEngineException.Tls(DockerEngineErrorKind.TlsClientCertificateRefused, endpoint,
                $"The Docker engine at {endpoint} refused the client certificate {tls.Settings.CertFile}: it is not signed by a CA the engine trusts (--tlscacert), has expired, or is not for client authentication. " +
                "Use the client certificate issued for this engine.",
                EngineErrors.Vetted(failure));
    }

    // The handshake failed, or the engine closed the connection right after it (TLS 1.3 reports a refused client certificate on the first read).
    private static bool IsTlsFailure(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException
                || e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError or HttpRequestError.ResponseEnded }
                // OpenSSL's and SChannel's own exception types are internal: recognise them by name and text.
                || e.GetType().Name.Contains("Ssl", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("SSL", StringComparison.Ordinal) || e.Message.Contains("TLS", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
