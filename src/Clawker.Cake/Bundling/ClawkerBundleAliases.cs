using Clawker.Bundling;

namespace Clawker.Cake.Bundling;

/// <summary>The agent image's build context: Dockerfile, entrypoint and assets, written deterministically.</summary>
[CakeAliasCategory("Clawker")]
public static class ClawkerBundleAliases
{
    /// <summary>
    /// Writes the agent image's build context into <c>artifacts/agent-image/</c> (<c>context/</c>,
    /// <c>context.tar</c>, <c>manifest.json</c>) with the default options, and returns its tag.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <returns>The context folder, tar, manifest, tag and content hash.</returns>
    /// <exception cref="CakeException">Starts with CLAWKER3001 (an override is missing) or CLAWKER3002 (an option is invalid).</exception>
    [CakeMethodAlias]
    [CakeNamespaceImport("Clawker.Cake")]
    [CakeNamespaceImport("Clawker.Cake.Bundling")]
    public static ClawkerBundleResult ClawkerBundleImage(this ICakeContext context) =>
        ClawkerBundleImage(context, new ClawkerBundleSettings());

    /// <summary>
    /// Writes the agent image's build context (folder, deterministic tar and manifest.json) and returns its
    /// tag and content hash. Re-bundling unchanged inputs writes nothing.
    /// </summary>
    /// <example>
    /// <code>
    /// var bundle = ClawkerBundleImage(new ClawkerBundleSettings
    /// {
    ///     ImageProject = "myapp",
    ///     ClaudeCodeVersion = Argument("claude-code-version", (string)null),
    /// });
    /// Information("{0} in {1}", bundle.Tag, bundle.ContextDirectory);
    /// </code>
    /// </example>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The project name, output folder, image options and asset overrides.</param>
    /// <returns>The context folder, tar, manifest, tag and content hash.</returns>
    /// <exception cref="CakeException">Starts with CLAWKER3001 (an override is missing) or CLAWKER3002 (an option is invalid).</exception>
    [CakeMethodAlias]
    [CakeNamespaceImport("Clawker.Cake")]
    [CakeNamespaceImport("Clawker.Cake.Bundling")]
    public static ClawkerBundleResult ClawkerBundleImage(this ICakeContext context, ClawkerBundleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var result = CakeErrors.Run(
            () =>
            {
                var bundle = ImageBundler.Bundle(settings.ToBundleOptions(context.Environment));
                CakeFindings.RelayAll(context.Log, bundle.Findings);
                return bundle.ToCakeResult();
            },
            nameof(ClawkerBundleImage));
        context.Log.Information(
            "Agent image {0}: context in {1} ({2})",
            result.Tag,
            result.ContextDirectory.FullPath,
            result.FilesWritten == 0 ? "unchanged" : $"{result.FilesWritten} files written");
        return result;
    }
}
