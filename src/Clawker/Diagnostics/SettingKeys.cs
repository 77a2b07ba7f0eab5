namespace Clawker.Diagnostics;

/// <summary>
/// The keys of the settings, as <see cref="ClawkerSettingException.Key"/> and
/// <c>BundleException.Key</c> carry them: each is the Cake setting's name, and <c>Clawker</c> + the key is the MSBuild
/// property (docs/settings.md).
/// </summary>
public static class SettingKeys
{
    /// <summary>What a missing login does.</summary>
    public const string CredentialNotFound = nameof(CredentialNotFound);

    /// <summary>What an expired but refreshable login does.</summary>
    public const string CredentialRefreshable = nameof(CredentialRefreshable);

    /// <summary>Bound on the keyring read.</summary>
    public const string KeyringTimeout = nameof(KeyringTimeout);

    /// <summary>What an unreachable Docker engine does.</summary>
    public const string EngineUnreachable = nameof(EngineUnreachable);

    /// <summary>Bound on connecting to the engine.</summary>
    public const string ConnectTimeout = nameof(ConnectTimeout);

    /// <summary>Bound on each engine request.</summary>
    public const string RequestTimeout = nameof(RequestTimeout);

    /// <summary>The engine address.</summary>
    public const string DockerHost = nameof(DockerHost);

    /// <summary>The folder with the engine's TLS files (ca.pem, cert.pem, key.pem).</summary>
    public const string DockerCertPath = nameof(DockerCertPath);

    /// <summary>TLS with verification to a tcp:// engine.</summary>
    public const string DockerTlsVerify = nameof(DockerTlsVerify);

    /// <summary>The image's project name (<c>BundleOptions.ProjectName</c>).</summary>
    public const string ImageProject = nameof(ImageProject);

    /// <summary>The bundle's output folder (<c>BundleOptions.OutputDirectory</c>).</summary>
    public const string ImageOutputDir = nameof(ImageOutputDir);

    /// <summary>The build context folder (<c>BundleOptions.ContextDirectory</c>).</summary>
    public const string ImageContextDir = nameof(ImageContextDir);

    /// <summary>The folders image assets may come from (<c>BundleOptions.AssetRoots</c>).</summary>
    public const string ImageAssetRoots = nameof(ImageAssetRoots);

    /// <summary>The bundle's timestamp (<c>BundleOptions.SourceDateEpoch</c>).</summary>
    public const string SourceDateEpoch = nameof(SourceDateEpoch);

    /// <summary>The base image (<c>ImageOptions.BaseImage</c>).</summary>
    public const string BaseImage = nameof(BaseImage);

    /// <summary>The pinned Claude Code version (<c>ImageOptions.ClaudeCodeVersion</c>).</summary>
    public const string ClaudeCodeVersion = nameof(ClaudeCodeVersion);

    /// <summary>The agent's user name (<c>ImageOptions.AgentUser</c>).</summary>
    public const string AgentUser = nameof(AgentUser);

    /// <summary>The agent's uid (<c>ImageOptions.Uid</c>).</summary>
    public const string AgentUid = nameof(AgentUid);

    /// <summary>The agent's gid (<c>ImageOptions.Gid</c>).</summary>
    public const string AgentGid = nameof(AgentGid);

    /// <summary>The extra apt packages (<c>ImageOptions.ExtraPackages</c>).</summary>
    public const string ExtraPackages = nameof(ExtraPackages);

    /// <summary>Which builder builds the agent image (<c>ImageBuildOptions.Builder</c>).</summary>
    public const string ImageBuilder = nameof(ImageBuilder);

    /// <summary>The registry the image is pushed to (<c>ImagePushOptions.Registry</c>).</summary>
    public const string Registry = nameof(Registry);

    /// <summary>The registry user for the password variable (<c>ImagePushOptions.RegistryUsername</c>).</summary>
    public const string RegistryUsername = nameof(RegistryUsername);

    /// <summary>The name of the environment variable holding the registry password (<c>ImagePushOptions.RegistryPasswordVariable</c>).</summary>
    public const string RegistryPasswordVariable = nameof(RegistryPasswordVariable);

    /// <summary>
    /// The one table from a library option's name (as <c>BundleException.Option</c> carries it) to
    /// its setting key; <see langword="null"/> for a name that is no setting (an environment variable)
    /// or no setting of the table (the extra files: items in MSBuild, a dictionary in Cake).
    /// </summary>
    /// <param name="option">The library option, for example <c>Uid</c>.</param>
    /// <returns>The key, for example <c>AgentUid</c>.</returns>
    public static string? OfOption(string option) => option switch
    {
        "ProjectName" => ImageProject,
        "OutputDirectory" => ImageOutputDir,
        "ContextDirectory" => ImageContextDir,
        "AssetRoots" => ImageAssetRoots,
        "SourceDateEpoch" => SourceDateEpoch,
        "BaseImage" => BaseImage,
        "ClaudeCodeVersion" => ClaudeCodeVersion,
        "AgentUser" => AgentUser,
        "Uid" => AgentUid,
        "Gid" => AgentGid,
        "ExtraPackages" => ExtraPackages,
        _ => null,
    };
}
