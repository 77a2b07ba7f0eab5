using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Clawker.IO;

namespace Clawker.Docker;

/// <summary>
/// Reads an endpoint's TLS files (regular files only, capped, within the connect timeout) into a
/// <see cref="TlsSession"/>. Errors (CLAWKER2006) name the file and the reason, never the content:
/// the key's bytes are wiped once the certificate holds it.
/// </summary>
internal static class TlsMaterial
{
    // A PEM certificate chain or key is a few KiB; a bundle of CAs well under this.
    private const long MaxFileBytes = 1 << 20;

    public static async Task<TlsSession> LoadAsync(DockerEndpoint endpoint, DockerTls tls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        X509Certificate2Collection? authority = null;
        if (tls.CaFile is { } caFile)
        {
            var bytes = await ReadAsync(endpoint, caFile, "the CA certificate", timeout, cancellationToken).ConfigureAwait(false);
            authority = new X509Certificate2Collection();
            try
            {
                authority.ImportFromPem(Encoding.ASCII.GetString(bytes));
            }
            catch (CryptographicException)
            {
                // Its message is generic, but it is not kept: nothing of the file travels on.
                authority.Clear();
            }

            if (authority.Count == 0)
            {
                throw Unusable(endpoint, caFile, "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
        }

        X509Certificate2? client = null;
        if (tls.CertFile is { } certFile && tls.KeyFile is { } keyFile)
        {
            var cert = await ReadAsync(endpoint, certFile, "the client certificate", timeout, cancellationToken).ConfigureAwait(false);
            var key = await ReadAsync(endpoint, keyFile, "the client certificate's private key", timeout, cancellationToken).ConfigureAwait(false);
            try
            {
                client = ClientCertificate(endpoint, certFile, cert, keyFile, key);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        return new TlsSession(tls, client, authority);
    }

    private static X509Certificate2 ClientCertificate(DockerEndpoint endpoint, string certFile, byte[] cert, string keyFile, byte[] key)
    {
        var certText = Encoding.ASCII.GetChars(cert);
        var keyText = Encoding.ASCII.GetChars(key);
        try
        {
            // The certificate is parsed alone only on the way to an error, to say which file is wrong
            // (the certificate's problem first): a good pair is parsed once.
            void CertificateAlone()
            {
                try
                {
                    using var alone = X509Certificate2.CreateFromPem(certText);
                }
                catch (CryptographicException)
                {
                    throw Unusable(endpoint, certFile, "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
                }
            }

            if (keyText.AsSpan().IndexOf("-----BEGIN ENCRYPTED PRIVATE KEY-----".AsSpan()) >= 0 || keyText.AsSpan().IndexOf("Proc-Type: 4,ENCRYPTED".AsSpan()) >= 0)
            {
                CertificateAlone();
                throw Unusable(endpoint, keyFile,
                    "it is an encrypted private key, which the docker CLI does not support either; decrypt it (openssl pkey -in key.pem -out key.pem)");
            }

            X509Certificate2 pair;
            try
            {
                pair = X509Certificate2.CreateFromPem(certText, keyText);
            }
            catch (CryptographicException)
            {
                CertificateAlone();
                throw Unusable(endpoint, keyFile, $"it holds no PEM private key that matches {certFile}");
            }

            if (!OperatingSystem.IsWindows())
            {
                return pair;
            }

            // Windows' TLS needs the key in a key store, not the ephemeral one CreateFromPem gives.
            using (pair)
            {
                return new X509Certificate2(pair.Export(X509ContentType.Pkcs12));
            }
        }
        finally
        {
            Array.Clear(certText);
            Array.Clear(keyText);
        }
    }

    private static async Task<byte[]> ReadAsync(DockerEndpoint endpoint, string file, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await RegularFile.ReadAsync(file, MaxFileBytes, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileReadException e)
        {
            // FileReadException is content-free by contract.
            throw Unusable(endpoint, file, $"{what} cannot be read: {e.Reason}", e);
        }
    }

    private static DockerEngineException Unusable(DockerEndpoint endpoint, string file, string why, Exception? inner = null) =>
        DockerEngineException.Tls(DockerEngineErrorKind.TlsFilesUnusable, endpoint,
            $"Cannot use the TLS file {file} for the Docker engine at {endpoint}: {why}. " +
            "Point DOCKER_CERT_PATH (or the cert path setting) at the folder with the engine's ca.pem and your cert.pem and key.pem, as the docker CLI uses them.",
            inner);
}
