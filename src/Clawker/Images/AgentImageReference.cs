using Clawker.Docker;

namespace Clawker.Images;

/// <summary>
/// The names and labels of one agent image, derived from the bundle's content-addressed tag
/// <c>clawker-&lt;project&gt;:sha-&lt;12 hex&gt;</c>: the same repository gets a moving
/// <c>latest</c> tag, and labels that let clawker (and <c>docker image ls --filter</c>) find it.
/// </summary>
internal sealed record AgentImageReference(string Repository, string Tag, string LatestTag, string Project, string ContentHash)
{
    private const string RepositoryPrefix = ClawkerNames.Prefix;

    /// <summary>Reads a bundle's tag and content hash.</summary>
    /// <exception cref="ArgumentException">The tag is not <c>clawker-&lt;project&gt;:sha-&lt;hex&gt;</c>.</exception>
    public static AgentImageReference From(string tag, string contentHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentException.ThrowIfNullOrEmpty(contentHash);
        var colon = tag.LastIndexOf(':');
        var repository = colon > 0 ? tag[..colon] : string.Empty;
        if (!repository.StartsWith(RepositoryPrefix, StringComparison.Ordinal)
            || repository.Length == RepositoryPrefix.Length
            || !tag.AsSpan(colon + 1).StartsWith("sha-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{tag}' is not an agent image tag of the form clawker-<project>:sha-<hash>.", nameof(tag));
        }

        return new AgentImageReference(repository, tag, repository + ":latest", repository[RepositoryPrefix.Length..], contentHash);
    }

    /// <summary>The labels the engine puts on the image.</summary>
    public IDictionary<string, string> Labels => new Dictionary<string, string>(AgentImageLabels.For(Project, ContentHash), StringComparer.Ordinal);
}
