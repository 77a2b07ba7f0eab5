using Clawker.Docker;

namespace Clawker.Cake.Volumes;

/// <summary>Settings → the library's endpoint options, and its results back. Pure, so unit tests cover it.</summary>
internal static class VolumeOptionsMapping
{
    /// <summary>What messages call <see cref="ClawkerVolumeSettings.DockerHost"/>.</summary>
    public const string HostOptionName = "ClawkerVolumeSettings.DockerHost";

    /// <summary>
    /// The endpoint options. The environment is Cake's (its variables and home folder), not the
    /// process's, so a script's <c>Environment</c> changes and Cake's test doubles are honoured.
    /// </summary>
    public static DockerEndpointOptions ToEndpointOptions(this ClawkerVolumeSettings settings, ICakeEnvironment environment) =>
        DockerEndpointOptions.Create(settings.DockerHost, HostOptionName, environment.ToClawkerEnvironment(), settings.ConnectTimeout, settings.RequestTimeout) with
        {
            CertPath = settings.DockerCertPath,
            TlsVerify = settings.DockerTlsVerify,
        };

    public static ClawkerVolumeResult ToCakeResult(this VolumeEnsureResult result) => new(
        result.Name,
        result.Outcome switch
        {
            VolumeEnsureOutcome.Created => ClawkerVolumeOutcome.Created,
            VolumeEnsureOutcome.AlreadyExisted => ClawkerVolumeOutcome.AlreadyExisted,
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Unknown volume outcome."),
        },
        result.Endpoint.ToString());
}
