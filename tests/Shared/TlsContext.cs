using System.Security.Cryptography;
using System.Text;

namespace Clawker.Tests.Infrastructure;

/// <summary>Writes a docker context as `docker context create --docker host=...,ca=...,cert=...,key=...` does.</summary>
internal static class TlsContext
{
    public static void Write(string configDirectory, string name, string host, string? certFolder, bool skipTlsVerify)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
        var meta = Path.Combine(configDirectory, "contexts", "meta", hash);
        Directory.CreateDirectory(meta);
        File.WriteAllText(Path.Combine(meta, "meta.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            Name = name,
            Metadata = new { },
            Endpoints = new { docker = new { Host = host, SkipTLSVerify = skipTlsVerify } },
        }));
        if (certFolder is null)
        {
            return;
        }

        var tls = Path.Combine(configDirectory, "contexts", "tls", hash, "docker");
        Directory.CreateDirectory(tls);
        foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" })
        {
            File.Copy(Path.Combine(certFolder, file), Path.Combine(tls, file), overwrite: true);
        }
    }
}
