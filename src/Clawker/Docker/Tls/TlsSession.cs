using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Clawker.Docker;

/// <summary>
/// One engine connection's TLS: the loaded certificates, and what the engine's certificate looked
/// like, so a failed handshake can say which of the listed failures it was (the exceptions alone
/// do not tell a wrong CA from a refused client certificate).
/// </summary>
internal sealed class TlsSession(DockerTls settings, X509Certificate2? clientCertificate, X509Certificate2Collection? authority) : IDisposable
{
    private volatile bool _serverCertificateSeen;
    private volatile Rejection? _rejection;

    /// <summary>Why clawker refused the engine's certificate.</summary>
    public sealed record Rejection(DockerEngineErrorKind Kind, string Why);

    public DockerTls Settings { get; } = settings;

    public X509Certificate2? ClientCertificate { get; } = clientCertificate;

    /// <summary>Whether the engine has answered over this session (set after the version check); later failures are not the handshake's.</summary>
    public bool Established { get; set; }

    /// <summary>Whether the engine sent a certificate at all (a plain-HTTP engine never does).</summary>
    public bool ServerCertificateSeen => _serverCertificateSeen;

    /// <summary>Why the engine's certificate was refused, or <see langword="null"/>.</summary>
    public Rejection? Rejected => _rejection;

    /// <summary>The handshake options: always offer the client certificate (as the docker CLI does), and check the engine's.</summary>
    public SslClientAuthenticationOptions ClientOptions() => new()
    {
        ClientCertificates = ClientCertificate is null ? null : new X509CertificateCollection { ClientCertificate },
        // .NET would otherwise send it only when the engine lists its issuer; the CLI always sends it.
        LocalCertificateSelectionCallback = ClientCertificate is null ? null : (_, _, _, _, _) => ClientCertificate,
        RemoteCertificateValidationCallback = Validate,
        // With ca.pem, the handshake checks the engine's chain against it alone, as the docker CLI
        // does: one chain built (not a second one of our own), and not against the system's CAs.
        CertificateChainPolicy = ChainPolicy(authority),
    };

    /// <summary>The docker CLI's order: the chain first (to ca.pem, or the system's CAs), then the name.</summary>
    internal bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        _serverCertificateSeen = true;
        if (!Settings.Verify)
        {
            return true;
        }

        if (certificate is null)
        {
            return Reject(DockerEngineErrorKind.TlsServerUntrusted, "the engine sent no certificate");
        }

        using var server = new X509Certificate2(certificate);
        // The chain was built by the handshake: against ca.pem only when there is one (ClientOptions).
        var chainProblem = (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0 || AnchoredInCa(chain) ? null
            : authority is null ? ChainStatus(chain)
            : ChainStatus(chain) + $" (trusted: {Settings.CaFile})";
        if (chainProblem is not null)
        {
            return Reject(DockerEngineErrorKind.TlsServerUntrusted, chainProblem);
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return Reject(DockerEngineErrorKind.TlsNameMismatch, $"the engine's certificate is for {Names(server)}");
        }

        return true;
    }

    public void Dispose()
    {
        ClientCertificate?.Dispose();
        if (authority is not null)
        {
            foreach (var ca in authority)
            {
                ca.Dispose();
            }
        }
    }

    private bool Reject(DockerEngineErrorKind kind, string why)
    {
        _rejection = new Rejection(kind, why);
        return false;
    }

    // As the docker CLI: for server use, no revocation check, and no issuer downloaded from the address
    // the engine's own certificate names (a request wherever it points, and a hang until the connect
    // timeout when nothing answers there).
    private static X509ChainPolicy ChainPolicy(X509Certificate2Collection? trusted)
    {
        var policy = new X509ChainPolicy
        {
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
            TrustMode = trusted is null ? X509ChainTrustMode.System : X509ChainTrustMode.CustomRootTrust,
        };
        policy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        if (trusted is not null)
        {
            policy.CustomTrustStore.AddRange(trusted);
        }

        return policy;
    }

    /// <summary>
    /// Whether the chain reaches a certificate of ca.pem that is not self-signed (an intermediate):
    /// the docker CLI takes every certificate in ca.pem as an anchor, .NET only self-signed ones
    /// (PartialChain). Nothing else may be wrong up to that certificate, which must be ca.pem's own
    /// (its bytes, not a look-alike the engine sent).
    /// </summary>
    private bool AnchoredInCa(X509Chain? chain)
    {
        const X509ChainStatusFlags AboveTheAnchor = X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot;
        if (authority is null || chain is null || chain.ChainStatus.Any(s => (s.Status & ~AboveTheAnchor) != 0))
        {
            return false;
        }

        var elements = chain.ChainElements;
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i].ChainElementStatus.Any(s => (s.Status & ~X509ChainStatusFlags.PartialChain) != 0))
            {
                return false;
            }

            var candidate = elements[i].Certificate;
            if (authority.Cast<X509Certificate2>().Any(ca => ca.RawDataMemory.Span.SequenceEqual(candidate.RawDataMemory.Span)))
            {
                return true;
            }
        }

        return false;
    }

    // The chain's status words (UntrustedRoot, NotTimeValid, PartialChain, ...): names, never certificate content.
    private static string ChainStatus(X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray() ?? [];
        return statuses.Length == 0 ? "its certificate does not chain to a trusted CA" : $"its certificate does not chain to a trusted CA ({string.Join(", ", statuses)})";
    }

    private static string Names(X509Certificate2 server)
    {
        var names = new List<string>();
        foreach (var extension in server.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames().Select(n => "DNS:" + n));
                names.AddRange(san.EnumerateIPAddresses().Select(a => "IP:" + a));
            }
        }

        var listed = names.Count == 0 ? server.GetNameInfo(X509NameType.SimpleName, forIssuer: false) : string.Join(", ", names.Take(10));
        return EngineText.Excerpt(listed, 300);
    }
}
