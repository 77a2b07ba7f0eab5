using Clawker.Diagnostics;
using Clawker.Images;

namespace Clawker.Publishing;

/// <summary>Where and how <see cref="AgentImagePusher"/> pushes the agent image.</summary>
public sealed record ImagePushOptions
{
    private readonly TimeSpan _credentialHelperTimeout = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _registryTimeout = TimeSpan.FromSeconds(15);
    private readonly TimeSpan _configReadTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The registry and path the image goes to, for example <c>registry.example.com/team</c> or
    /// <c>127.0.0.1:5000</c> (MSBuild <c>ClawkerRegistry</c>, Cake <c>Registry</c>): the image is pushed as
    /// <c>&lt;registry&gt;/clawker-&lt;project&gt;:sha-&lt;hash&gt;</c> and <c>:latest</c>.
    /// </summary>
    public string? Registry { get; init; }

    /// <summary>The registry user name for <see cref="RegistryPasswordVariable"/> (CI); otherwise config.json decides.</summary>
    public string? RegistryUsername { get; init; }

    /// <summary>
    /// The <em>name</em> of the environment variable that holds the registry password or token
    /// (never the password itself: settings land in build logs). Needs <see cref="RegistryUsername"/>.
    /// </summary>
    public string? RegistryPasswordVariable { get; init; }

    /// <summary>Push even when the registry already has the <c>sha-</c> tag with the local image's digest.</summary>
    public bool Force { get; init; }

    /// <summary>How the image is built first when it is not on the engine.</summary>
    public ImageBuildOptions Build { get; init; } = new();

    /// <summary>The bound of one <c>docker-credential-&lt;name&gt; get</c> (it is killed after it); 10 s by default.</summary>
    /// <exception cref="ClawkerSettingException">Set to zero, a negative duration or more than <see cref="ClawkerSettingParser.MaxTimeout"/>.</exception>
    public TimeSpan CredentialHelperTimeout { get => _credentialHelperTimeout; init => _credentialHelperTimeout = ClawkerSettingParser.Timeout(nameof(CredentialHelperTimeout), value); }

    /// <summary>The bound of each request to the registry's own API (the digest check); 15 s by default.</summary>
    /// <exception cref="ClawkerSettingException">Set to zero, a negative duration or more than <see cref="ClawkerSettingParser.MaxTimeout"/>.</exception>
    public TimeSpan RegistryTimeout { get => _registryTimeout; init => _registryTimeout = ClawkerSettingParser.Timeout(nameof(RegistryTimeout), value); }

    /// <summary>The bound of reading docker's config.json; 5 s by default.</summary>
    /// <exception cref="ClawkerSettingException">Set to zero, a negative duration or more than <see cref="ClawkerSettingParser.MaxTimeout"/>.</exception>
    public TimeSpan ConfigReadTimeout { get => _configReadTimeout; init => _configReadTimeout = ClawkerSettingParser.Timeout(nameof(ConfigReadTimeout), value); }

    /// <summary>Where <c>DOCKER_CONFIG</c>, the home folder, <c>PATH</c> and the password variable come from; <see langword="null"/> for the process.</summary>
    public ClawkerEnvironment? Environment { get; init; }
}
