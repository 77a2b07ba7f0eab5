namespace Clawker.Cake.Publishing;

/// <summary>What <see cref="ClawkerImagePushAliases.ClawkerPushImage"/> did.</summary>
/// <param name="Repository">The registry repository.</param>
/// <param name="Tag"><c>&lt;repository&gt;:sha-&lt;hash&gt;</c>.</param>
/// <param name="Digest">The manifest digest in the registry (MSBuild: <c>ClawkerImageDigest</c>).</param>
/// <param name="DigestReference"><c>&lt;repository&gt;@sha256:...</c>, what deployments pin (MSBuild: <c>ClawkerImageDigestReference</c>).</param>
/// <param name="Skipped">Whether nothing was pushed because the registry already had it.</param>
/// <param name="CredentialSource">Where the credentials came from (never what they are).</param>
public sealed record ClawkerImagePushResult(string Repository, string Tag, string Digest, string DigestReference, bool Skipped, string CredentialSource)
{
    /// <inheritdoc/>
    public override string ToString() => Skipped ? $"{DigestReference} (already in the registry, push skipped)" : $"{DigestReference} pushed";
}
