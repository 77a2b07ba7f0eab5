using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Clawker.Docker;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// The private dockerd with <c>--tlsverify</c> that build/services/dockerd-tls.sh starts:
/// its address, its client certificate folder (ca.pem, cert.pem, key.pem) and an address its
/// server certificate does not name. Tests copy the folder and change copies, never the original.
/// </summary>
internal static class TlsEngine
{
    public static string? Host => Variable("CLAWKER_TEST_TLS_HOST");

    public static string? CertPath => Variable("CLAWKER_TEST_TLS_CERT_PATH");

    /// <summary>The same engine at [::1], which its certificate does not name; null without IPv6.</summary>
    public static string? MismatchHost => Variable("CLAWKER_TEST_TLS_MISMATCH_HOST");

    /// <summary>Skips (or fails in CI) unless the TLS engine runs; returns its host and cert folder.</summary>
    public static (string Host, string CertPath) Require()
    {
        Integration.Require(Host is not null && CertPath is not null && Directory.Exists(CertPath),
            "No TLS Docker engine: start one with eval \"$(build/services/dockerd-tls.sh start)\" (sets CLAWKER_TEST_TLS_HOST, CLAWKER_TEST_TLS_CERT_PATH).");
        return (Host!, CertPath!);
    }

    /// <summary>Endpoint options that see only <paramref name="variables"/> and the home folder <paramref name="home"/>.</summary>
    public static DockerEndpointOptions Options(IReadOnlyDictionary<string, string> variables, string home) => new()
    {
        HostOptionName = "ClawkerDockerHost",
        Environment = new ClawkerEnvironment(n => variables.GetValueOrDefault(n), () => home, () => "user", File.Exists, isWindows: false),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A copy of the engine's client folder in <paramref name="into"/>, with only <paramref name="files"/>.</summary>
    public static string CopyCerts(string into, params string[] files)
    {
        Directory.CreateDirectory(into);
        foreach (var file in files)
        {
            File.Copy(Path.Combine(CertPath!, file), Path.Combine(into, file), overwrite: true);
        }

        return into;
    }

    /// <summary>A CA of its own (not the engine's), and a certificate it issues: PEM texts.</summary>
    public static (string CaPem, string CertPem, string KeyPem) OtherAuthority(bool clientAuth)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=another CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=another client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [clientAuth ? new Oid("1.3.6.1.5.5.7.3.2") : new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(ca, now.AddHours(-1), now.AddDays(1), [1, 2, 3, 4]);
        return (ca.ExportCertificatePem(), issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
