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
    /// <exception cref="CakeException">CLAWKER5002: a timeout is zero, negative or longer than 24 days, named as Cake spells it.</exception>
    public static DockerEndpointOptions ToEndpointOptions(this ClawkerEngineSettings settings, ClawkerEnvironment environment)
    {
        try
        {
            return DockerEndpointOptions.Create(settings.DockerHost, settings.HostOptionName(), environment, settings.ConnectTimeout, settings.RequestTimeout) with
            {
                CertPath = settings.DockerCertPath,
                TlsVerify = settings.DockerTlsVerify,
            };
        }
        catch (ClawkerSettingException invalid)
        {
            throw Diagnostics.CakeErrors.Coded(invalid.Code, invalid.MessageFor($"{settings.GetType().Name}.{invalid.Key}", null));
        }
    }
}
