namespace Clawker.Cake.Images;

/// <summary>What <see cref="ClawkerImageAliases.ClawkerBuildImage"/> did.</summary>
/// <param name="Tag">The content-addressed tag, <c>clawker-&lt;project&gt;:sha-&lt;12 hex&gt;</c>.</param>
/// <param name="LatestTag"><c>clawker-&lt;project&gt;:latest</c>, on the same image.</param>
/// <param name="ImageId">The engine's image ID.</param>
/// <param name="Skipped">Whether the build was skipped because the tag already existed.</param>
public sealed record ClawkerImageBuildResult(string Tag, string LatestTag, string ImageId, bool Skipped)
{
    /// <inheritdoc/>
    public override string ToString() => Skipped ? $"{Tag} (up to date, build skipped)" : $"{Tag} built ({ImageId})";
}
