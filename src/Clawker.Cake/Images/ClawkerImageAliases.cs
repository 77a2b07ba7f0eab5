using Clawker.Docker;
using Clawker.Images;

namespace Clawker.Cake.Images;

/// <summary>Builds the agent image on the Docker engine from a bundle, through the Engine API.</summary>
[CakeAliasCategory("Clawker")]
public static class ClawkerImageAliases
{
    /// <summary>
    /// Builds the bundle's image, tagged <c>clawker-&lt;project&gt;:sha-&lt;hash&gt;</c> and
    /// <c>:latest</c> with clawker's labels; skipped after one API call when that tag already
    /// exists (unless <see cref="ClawkerImageBuildSettings.ImageForceBuild"/>). The engine's output goes to
    /// the Cake log. See docs/image-build.md.
    /// </summary>
    /// <example>
    /// <code>
    /// var bundle = ClawkerBundleImage(new ClawkerBundleSettings { ImageProject = "demo" });
    /// var image = ClawkerBuildImage(new ClawkerImageBuildSettings { Bundle = bundle, ImageForceBuild = HasArgument("force") });
    /// Information(image);   // clawker-demo:sha-0123456789ab (up to date, build skipped)
    /// </code>
    /// </example>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The bundle, the engine and the force/cache options.</param>
    /// <returns>The tags, the image ID and whether the build was skipped.</returns>
    /// <exception cref="CakeException">Starts with CLAWKER4001 (a step failed, unknown base image), CLAWKER4002 (no builder),
    /// CLAWKER4005/4006 or CLAWKER6001/6003-6007 (a base image pulled with registry credentials), CLAWKER2001-2005 (engine) or CLAWKER3002 (no bundle in the settings); see docs/errors.md.</exception>
    [CakeMethodAlias]
    [CakeNamespaceImport("Clawker.Cake.Images")]
    public static ClawkerImageBuildResult ClawkerBuildImage(this ICakeContext context, ClawkerImageBuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var bundle = CakeErrors.RequireBundle(settings.Bundle, nameof(ClawkerImageBuildSettings));
        var options = settings.ToEndpointOptions(context.Environment);
        // Cake aliases are synchronous and Cake runs tasks without a synchronization context.
        var environment = context.Environment.ToClawkerEnvironment();
        var result = CakeErrors.Run(() => BuildAsync(context.Log, options, environment, bundle, settings).GetAwaiter().GetResult(), nameof(ClawkerBuildImage));
        context.Log.Information("{0}", result);
        return result;
    }

    private static async Task<ClawkerImageBuildResult> BuildAsync(
        ICakeLog log, DockerEndpointOptions options, ClawkerEnvironment environment, Bundling.ClawkerBundleResult bundle, ClawkerImageBuildSettings settings)
    {
        using var engine = await DockerEngine.ConnectAsync(options).ConfigureAwait(false);
        CakeFindings.RelayAll(log, engine.Endpoint.Findings);
        var result = await AgentImageBuilder.BuildAsync(
            engine, bundle.TarPath.FullPath, bundle.Tag, bundle.ContentHash,
            new ImageBuildOptions { Force = settings.ImageForceBuild, NoCache = settings.ImageNoCache, Builder = settings.ImageBuilder, Inputs = bundle.BuildInputs, Environment = environment },
            new CakeLogProgress(log)).ConfigureAwait(false);
        return new ClawkerImageBuildResult(result.Tag, result.LatestTag, result.ImageId, result.Skipped);
    }
}
