using Clawker.Docker;

namespace Clawker.Cake;

/// <summary>The one mapping of <see cref="ClawkerEngineSettings"/> to the library's endpoint options. Pure, so unit tests cover it.</summary>
internal static class EngineSettingsMapping
{
    /// <summary>What messages call the settings' <see cref="ClawkerEngineSettings.DockerHost"/>, e.g. <c>ClawkerVolumeSettings.DockerHost</c>.</summary>
    public static string HostOptionName(this ClawkerEngineSettings settings) => $"{settings.GetType().Name}.{nameof(ClawkerEngineSettings.DockerHost)}";

    /// <summary>
    /// The endpoint options. The environment is Cake's (its variables and home folder), not the
    /// process's, so a script's <c>Environment</c> changes and Cake's test doubles are honoured.
    /// </summary>
    public static DockerEndpointOptions ToEndpointOptions(this ClawkerEngineSettings settings, ICakeEnvironment environment) =>
        settings.ToEndpointOptions(environment.ToClawkerEnvironment());

    /// <inheritdoc cref="ToEndpointOptions(ClawkerEngineSettings, ICakeEnvironment)"/>
    public static DockerEndpointOptions ToEndpointOptions(this ClawkerEngineSettings settings, ClawkerEnvironment environment) =>
        DockerEndpointOptions.Create(settings.DockerHost, settings.HostOptionName(), environment, settings.ConnectTimeout, settings.RequestTimeout) with
        {
            CertPath = settings.DockerCertPath,
            TlsVerify = settings.DockerTlsVerify,
        };
}
