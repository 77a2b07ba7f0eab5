using Clawker.Docker;

namespace Clawker.Cake.Volumes;

/// <summary>
/// Clawker's labelled Docker volumes, above all <c>clawker-globals</c>, which holds Claude Code's
/// credentials for every agent container.
/// </summary>
[CakeAliasCategory("Clawker")]
public static class ClawkerVolumeAliases
{
    /// <summary>
    /// Makes sure the <c>clawker-globals</c> volume exists with clawker's labels
    /// (<c>com.clawker.managed=true</c>, <c>com.clawker.purpose=globals</c>) on the engine <c>DOCKER_HOST</c>
    /// (or the current docker context) points at.
    /// </summary>
    /// <example>
    /// <code>
    /// var volume = ClawkerEnsureGlobalsVolume();
    /// Information(volume);   // clawker-globals: AlreadyExisted on unix:///var/run/docker.sock (default socket)
    /// </code>
    /// </example>
    /// <param name="context">The Cake context.</param>
    /// <returns>The volume's name and whether it was created or already there.</returns>
    /// <exception cref="CakeException">Starts with CLAWKER2001 (engine unreachable), CLAWKER2002 (a volume of that name without clawker's labels), CLAWKER2003 (permission denied) or CLAWKER2004 (engine too old).</exception>
    [CakeMethodAlias]
    [CakeNamespaceImport("Clawker.Cake")]
    [CakeNamespaceImport("Clawker.Diagnostics")]
    [CakeNamespaceImport("Clawker.Cake.Volumes")]
    public static ClawkerVolumeResult ClawkerEnsureGlobalsVolume(this ICakeContext context) =>
        ClawkerEnsureGlobalsVolume(context, new ClawkerVolumeSettings());

    /// <summary>Makes sure the <c>clawker-globals</c> volume exists with clawker's labels, on the engine the settings choose.</summary>
    /// <example>
    /// <code>
    /// var volume = ClawkerEnsureGlobalsVolume(new ClawkerVolumeSettings { EngineUnreachable = ClawkerPolicy.Warning });
    /// </code>
    /// </example>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">Engine address, timeouts and what an unreachable engine does.</param>
    /// <returns>The volume's name and whether it was created, already there, or skipped (no engine, policy Warning).</returns>
    /// <exception cref="CakeException">Starts with CLAWKER2001, CLAWKER2002, CLAWKER2003 or CLAWKER2004; see docs/errors.md.</exception>
    [CakeMethodAlias]
    [CakeNamespaceImport("Clawker.Cake")]
    [CakeNamespaceImport("Clawker.Diagnostics")]
    [CakeNamespaceImport("Clawker.Cake.Volumes")]
    public static ClawkerVolumeResult ClawkerEnsureGlobalsVolume(this ICakeContext context, ClawkerVolumeSettings settings) =>
        ClawkerEnsureVolume(context, GlobalsVolume.Purpose, settings);

    /// <summary>
    /// Makes sure the volume <c>clawker-&lt;purpose&gt;</c> exists with clawker's labels
    /// (<c>com.clawker.managed=true</c>, <c>com.clawker.purpose=&lt;purpose&gt;</c>). A volume of that name
    /// with other labels is never adopted: it fails with CLAWKER2002.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="purpose">The volume's purpose, for example <c>globals</c>.</param>
    /// <param name="settings">Engine address, timeouts and what an unreachable engine does.</param>
    /// <returns>The volume's name and whether it was created, already there, or skipped (no engine, policy Warning).</returns>
    /// <exception cref="CakeException">Starts with CLAWKER2001, CLAWKER2002, CLAWKER2003 or CLAWKER2004; see docs/errors.md.</exception>
    [CakeMethodAlias]
    [CakeNamespaceImport("Clawker.Cake")]
    [CakeNamespaceImport("Clawker.Diagnostics")]
    [CakeNamespaceImport("Clawker.Cake.Volumes")]
    public static ClawkerVolumeResult ClawkerEnsureVolume(this ICakeContext context, string purpose, ClawkerVolumeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.ToEndpointOptions(context.Environment);
        var policies = ClawkerPolicies.Default with { EngineUnreachable = settings.EngineUnreachable };
        try
        {
            // Cake aliases are synchronous and Cake runs tasks without a synchronization context.
            var result = EnsureAsync(context.Log, options, purpose).GetAwaiter().GetResult().ToCakeResult();
            context.Log.Information("{0}", result);
            return result;
        }
        catch (ClawkerException failure) when (policies.Tolerates(failure))
        {
            // The library classified it (an unreachable engine under Warning or Ignore): relay it and go on.
            CakeFindings.Relay(context.Log, policies.Classify(failure));
            var endpoint = (failure as DockerEngineException)?.Endpoint?.ToString() ?? "no endpoint";
            return new ClawkerVolumeResult(ClawkerVolumes.Name(purpose), ClawkerVolumeOutcome.EngineUnreachable, endpoint);
        }
        catch (ClawkerException failure)
        {
            throw CakeErrors.From(failure);
        }
        catch (Exception unexpected) when (CakeErrors.IsUncoded(unexpected))
        {
            throw CakeErrors.Unexpected(unexpected, nameof(ClawkerEnsureVolume));
        }
    }

    private static async Task<VolumeEnsureResult> EnsureAsync(ICakeLog log, DockerEndpointOptions options, string purpose)
    {
        using var engine = await DockerEngine.ConnectAsync(options).ConfigureAwait(false);
        CakeFindings.RelayAll(log, engine.Endpoint.Findings);
        return await ClawkerVolumes.EnsureAsync(engine, purpose).ConfigureAwait(false);
    }
}
