namespace Clawker.Publishing;

/// <summary>What <see cref="AgentImagePusher"/> did.</summary>
/// <param name="Repository">The registry repository, for example <c>registry.example.com/team/clawker-demo</c>.</param>
/// <param name="Tag">The content-addressed reference pushed, <c>&lt;repository&gt;:sha-&lt;hash&gt;</c>.</param>
/// <param name="LatestTag"><c>&lt;repository&gt;:latest</c>.</param>
/// <param name="Digest">The manifest digest in the registry (<c>sha256:...</c>).</param>
/// <param name="DigestReference"><c>&lt;repository&gt;@sha256:...</c>: what deployments pin.</param>
/// <param name="Skipped"><see langword="true"/> when the registry already had the tag with this image's digest and nothing was pushed.</param>
/// <param name="Built"><see langword="true"/> when the image was not on the engine and was built first.</param>
/// <param name="CredentialSource">Where the credentials came from (never what they are).</param>
public sealed record ImagePushResult(string Repository, string Tag, string LatestTag, string Digest, string DigestReference, bool Skipped, bool Built, string CredentialSource);
