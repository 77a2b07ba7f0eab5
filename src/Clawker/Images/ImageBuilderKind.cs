namespace Clawker.Images;

/// <summary>Which of the engine's builders builds the agent image (<c>ClawkerImageBuilder</c>, Cake <c>ImageBuilder</c>).</summary>
public enum ImageBuilderKind
{
    /// <summary>
    /// BuildKit when the engine offers it (its <c>/_ping</c> says <c>Builder-Version: 2</c>, or says
    /// nothing and runs Linux, as Docker 20.10 does), the classic builder when it prefers that
    /// (<c>Builder-Version: 1</c>) or runs Windows. podman builds with buildah either way.
    /// </summary>
    Auto,

    /// <summary>BuildKit through the Engine API (<c>version=2</c>, no session).</summary>
    BuildKit,

    /// <summary>The classic builder (<c>version=1</c>), deprecated by Docker.</summary>
    Classic,
}
