using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Clawker.Tests.Docker.Tls;

/// <summary>Certificates made at test time: CAs, intermediates and engine certificates of any shape.</summary>
internal static class TlsTestAuthority
{
    public static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    public static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public static X509Certificate2 Ca(string name)
    {
        var now = DateTimeOffset.UtcNow;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(now.AddDays(-7), now.AddDays(3));
    }

    /// <summary>An intermediate CA issued by <paramref name="issuer"/>.</summary>
    public static X509Certificate2 Intermediate(X509Certificate2 issuer, string name)
    {
        var now = DateTimeOffset.UtcNow;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var issued = request.Create(issuer, now.AddDays(-6), now.AddDays(2), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// An engine certificate issued by <paramref name="issuer"/> for IP:127.0.0.1 (or <paramref name="dnsName"/>),
    /// with <paramref name="usage"/> (serverAuth unless told), valid now unless <paramref name="expired"/>;
    /// <paramref name="caIssuersUrl"/> adds an AIA extension pointing there.
    /// </summary>
    public static X509Certificate2 Engine(X509Certificate2 issuer, Oid? usage = null, bool expired = false, string? dnsName = null, string? caIssuersUrl = null)
    {
        var now = DateTimeOffset.UtcNow;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=engine", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        if (dnsName is null)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }
        else
        {
            names.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage ?? ServerAuth], false));
        if (caIssuersUrl is not null)
        {
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [caIssuersUrl]));
        }

        var (from, to) = expired ? (now.AddDays(-3), now.AddDays(-1)) : (now.AddHours(-1), now.AddDays(1));
        using var issued = request.Create(issuer, from, to, RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A client folder (ca.pem holding <paramref name="trusted"/>, no client certificate) in <paramref name="folder"/>.</summary>
    public static string Folder(string folder, params X509Certificate2[] trusted)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "ca.pem"), string.Concat(trusted.Select(c => c.ExportCertificatePem() + "\n")));
        return folder;
    }
}
