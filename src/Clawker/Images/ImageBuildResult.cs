namespace Clawker.Images;

/// <summary>What <see cref="AgentImageBuilder"/> did.</summary>
/// <param name="Tag">The content-addressed tag, <c>clawker-&lt;project&gt;:sha-&lt;12 hex&gt;</c>.</param>
/// <param name="LatestTag">The moving tag, <c>clawker-&lt;project&gt;:latest</c>, pointing at the same image.</param>
/// <param name="ImageId">The engine's image ID (<c>sha256:...</c>).</param>
/// <param name="Skipped">
/// <see langword="true"/> when the <c>sha-</c> tag already existed and nothing was built: an
/// unchanged release costs one image inspect.
/// </param>
public sealed record ImageBuildResult(string Tag, string LatestTag, string ImageId, bool Skipped);
