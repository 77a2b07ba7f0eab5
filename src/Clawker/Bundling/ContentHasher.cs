using System.Security.Cryptography;
using System.Text;

namespace Clawker.Bundling;

/// <summary>
/// The content hash: SHA-256 over every entry in path order (the rendered Dockerfile is one of
/// them), each as its kind, mode, path and, for files, length and bytes. Paths, modes and
/// contents all change the hash; mtimes, owners and checkout line endings cannot.
/// </summary>
internal static class ContentHasher
{
    /// <param name="entries">The context.</param>
    /// <param name="buildInputs">What the build takes besides the context (build arguments, platform), hashed after it; empty for none.</param>
    public static string Hash(IReadOnlyList<ContextEntry> entries, byte[]? buildInputs = null)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in entries)
        {
            var header = entry.IsDirectory
                ? $"dir {entry.OctalMode} {entry.Path}\n"
                : $"file {entry.OctalMode} {entry.Path} {entry.Content!.Length}\n";
            sha.AppendData(Encoding.UTF8.GetBytes(header));
            if (entry.Content is { } content)
            {
                sha.AppendData(content);
            }
        }

        if (buildInputs is { Length: > 0 })
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"build-inputs {buildInputs.Length}\n"));
            sha.AppendData(buildInputs);
        }

        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }

    public static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
}
