using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Clawker.Cake.Diagnostics;
using Clawker.Diagnostics;
using Clawker.Docker;
using Clawker.Publishing;

namespace Clawker.Cake.Publishing;

/// <summary>Pushes the agent image to a registry through the Engine API, with the docker CLI's credentials.</summary>
[CakeAliasCategory("Clawker")]
public static class ClawkerImagePushAliases
{
    /// <summary>
    /// Pushes the bundle's image as <c>&lt;registry&gt;/clawker-&lt;project&gt;:sha-&lt;hash&gt;</c> and <c>:latest</c>,
    /// building it first when the engine lacks it; pushes nothing when the registry already has
    /// the tag with this image's digest (unless <see cref="ClawkerImagePushSettings.ImageForcePush"/>).
    /// See docs/image-push.md.
    /// </summary>
    /// <example>
    /// <code>
    /// var bundle = ClawkerBundleImage(new ClawkerBundleSettings { ImageProject = "demo" });
    /// var pushed = ClawkerPushImage(new ClawkerImagePushSettings { Bundle = bundle, Registry = "registry.example.com/team" });
    /// Information(pushed.DigestReference);   // registry.example.com/team/clawker-demo@sha256:...
    /// </code>
    /// </example>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The bundle, the registry, the credentials and the engine.</param>
    /// <returns>The digest and the digest reference.</returns>
    /// <exception cref="CakeException">Starts with CLAWKER6001-6010 (registry, credentials), CLAWKER4001/4002 (build),
    /// CLAWKER2001-2005 (engine), CLAWKER5002 (a malformed setting) or CLAWKER3002 (no bundle); see docs/errors.md.</exception>
    [CakeMethodAlias]
    [CakeNamespaceImport("Clawker.Cake.Publishing")]
    public static ClawkerImagePushResult ClawkerPushImage(this ICakeContext context, ClawkerImagePushSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var bundle = CakeErrors.RequireBundle(settings.Bundle, nameof(ClawkerImagePushSettings));

        var result = CakeErrors.Run(
            () =>
            {
                var environment = context.Environment.ToClawkerEnvironment();
                var endpoint = settings.ToEndpointOptions(environment);
                var options = new ImagePushOptions
                {
                    Registry = settings.Registry,
                    RegistryUsername = settings.RegistryUsername,
                    RegistryPasswordVariable = settings.RegistryPasswordVariable,
                    Force = settings.ImageForcePush,
                    Environment = environment,
                };
                return PushAsync(context.Log, endpoint, bundle.TarPath.FullPath, bundle.Tag, bundle.ContentHash, options).GetAwaiter().GetResult();
            },
            nameof(ClawkerPushImage),
            nameof(ClawkerImagePushSettings));
        context.Log.Information("{0}", result);
        return result;
    }

    private static async Task<ClawkerImagePushResult> PushAsync(ICakeLog log, DockerEndpointOptions endpoint, string tarPath, string tag, string contentHash, ImagePushOptions options)
    {
        using var engine = await DockerEngine.ConnectAsync(endpoint).ConfigureAwait(false);
        // How the engine was reached (TLS without verification, CLAWKER2012), as the volume and build aliases say it.
        CakeFindings.RelayAll(log, engine.Endpoint.Findings);
        var result = await AgentImagePusher.PushAsync(engine, tarPath, tag, contentHash, options, new CakeLogProgress(log)).ConfigureAwait(false);
        return new ClawkerImagePushResult(result.Repository, result.Tag, result.Digest, result.DigestReference, result.Skipped, result.CredentialSource);
    }
}
