namespace Clawker.Bundling;

/// <summary>Why an agent image bundle could not be made. Each kind has one stable code (see <see cref="BundleException"/>).</summary>
public enum BundleErrorKind
{
    /// <summary>CLAWKER3001: an asset override or extra file is missing or unreadable.</summary>
    AssetUnreadable,

    /// <summary>CLAWKER3002: an image or bundle option is invalid, or a folder is not the bundle's own.</summary>
    InvalidOption,

    /// <summary>CLAWKER3003: the bundle's files cannot be written, or are missing when the image is built.</summary>
    FilesUnavailable,

    /// <summary>
    /// CLAWKER3004: an asset file is a link (or lies under one) that leads outside the folders assets may
    /// come from (<see cref="BundleOptions.AssetRoots"/>). A link planted in a pull request would otherwise
    /// copy a machine's secrets into the image.
    /// </summary>
    AssetOutsideTree,

    /// <summary>CLAWKER3005: the bundled settings set <c>apiKeyHelper</c> to a path that is not an executable file the bundle puts there.</summary>
    ApiKeyHelperNotInBundle,

    /// <summary>CLAWKER3007: a file of the bundle is a Claude Code credentials file (by name, or by its content).</summary>
    CredentialFileInBundle,

    /// <summary>CLAWKER3008: the bundled settings put <c>ANTHROPIC_API_KEY</c>, <c>ANTHROPIC_AUTH_TOKEN</c> or <c>CLAUDE_CODE_OAUTH_TOKEN</c> into <c>env</c>.</summary>
    CredentialInSettings,

    /// <summary>CLAWKER3009: a bundled Claude Code settings file is not a JSON object, or <c>apiKeyHelper</c> or <c>env</c> has the wrong type.</summary>
    SettingsInvalid,
}
