using System.Text.RegularExpressions;

namespace Clawker.Images;

/// <summary>
/// An image reference a Dockerfile pulls (<c>FROM</c>, <c>COPY --from=</c>), split as the docker
/// CLI splits it: a first part with a dot or a colon, or <c>localhost</c>, is a registry
/// (<see cref="Registry"/>); otherwise the name has none (Docker Hub, implied). Only references
/// of the reference grammar parse: anything else is left to the engine, which reports it.
/// </summary>
/// <param name="Reference">The reference as the Dockerfile names it (after build argument substitution).</param>
/// <param name="Registry">The registry part (<c>host[:port]</c>), or <see langword="null"/> when the name has none.</param>
/// <param name="Name">The repository without tag or digest, for <c>POST /images/create?fromImage=</c>.</param>
/// <param name="TagOrDigest">The tag, or the digest when there is one; <c>latest</c> when neither is written.</param>
internal sealed partial record BaseImageReference(string Reference, string? Registry, string Name, string TagOrDigest)
{
    private const int MaxNameLength = 255;

    /// <summary>Docker Hub's credential key, for a reference written <c>docker.io/...</c>.</summary>
    public string? CredentialKey => Registry is "docker.io" or "index.docker.io" ? Publishing.RegistryName.DockerHubKey : Registry;

    /// <summary>Reads <paramref name="reference"/>; <see langword="null"/> when it is not an image reference.</summary>
    public static BaseImageReference? Parse(string? reference)
    {
        if (reference is null || reference.Length > MaxNameLength + 100)
        {
            return null;
        }

        Match match;
        try
        {
            match = Grammar().Match(reference);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        if (name.Length > MaxNameLength)
        {
            return null;
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : name[..slash];
        // The CLI's domain rule, plus its splitting of an image name: a first part with capitals is a
        // domain too (a Docker Hub namespace is lower case).
        var registry = first.Length > 0 && (Publishing.RegistryName.IsDomain(first) || first.Any(char.IsAsciiLetterUpper))
            ? first
            : null;
        // The rest must be lower case (only a registry may have capitals).
        if (name[(registry is null ? 0 : first.Length + 1)..].Any(char.IsAsciiLetterUpper))
        {
            return null;
        }

        var tagOrDigest = match.Groups["digest"].Success ? match.Groups["digest"].Value
            : match.Groups["tag"].Success ? match.Groups["tag"].Value
            : "latest";
        return new BaseImageReference(reference, registry, name, tagOrDigest);
    }

    // [registry/]path[:tag][@sha256:hex]: the distribution reference grammar, the digest limited to sha256.
    [GeneratedRegex(
        @"^(?<name>(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?/)?[A-Za-z0-9]+(?:(?:[._]|__|-+)[A-Za-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[0-9a-f]{64}))?\z",
        RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Grammar();
}
