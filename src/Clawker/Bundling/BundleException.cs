using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary>
/// Every failure to make (or find) an agent image bundle. <see cref="Kind"/> says why (filter on it,
/// as on a sentinel error); the other properties are set for the kinds they name.
/// </summary>
public sealed class BundleException : ClawkerException
{
    private BundleException(BundleErrorKind kind, string message, Exception? innerException = null)
        : base(CodeFor(kind), message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Why the bundle could not be made.</summary>
    public BundleErrorKind Kind { get; }

    /// <summary>For <see cref="BundleErrorKind.InvalidOption"/>: the option's name as the user wrote it, for example <c>Uid</c>; otherwise <see langword="null"/>.</summary>
    public string? Option { get; private init; }

    /// <summary>
    /// For <see cref="BundleErrorKind.InvalidOption"/>: the setting's key (its Cake name, for example
    /// <c>AgentUid</c>, see <see cref="SettingKeys"/>), for the surfaces to name it as they spell it
    /// through <see cref="MessageFor"/>; <see langword="null"/> when the option is no setting.
    /// </summary>
    public string? Key { get; private init; }

    // The message with the setting's name filled in, for the kinds that name one (Key set).
    private Func<string, string>? Named { get; init; }

    /// <summary>The message with the setting <see cref="Key"/> named <paramref name="name"/>, as the user's surface spells it; the message as it is when no setting is concerned.</summary>
    /// <param name="name">The setting's name on the surface, for example <c>ClawkerAgentUid</c>.</param>
    /// <returns>The message.</returns>
    public string MessageFor(string name) => Named is null ? Message : Named(name);

    /// <summary>For <see cref="BundleErrorKind.AssetUnreadable"/> and <see cref="BundleErrorKind.AssetOutsideTree"/>: the asset name or context path the file was meant for; otherwise <see langword="null"/>.</summary>
    public string? Asset { get; private init; }

    /// <summary>
    /// The file or folder concerned, as given (for <see cref="BundleErrorKind.InvalidOption"/>: <see langword="null"/>; for
    /// the credential and settings kinds, the file's path inside the build context; for
    /// <see cref="BundleErrorKind.ApiKeyHelperNotInBundle"/>, the helper's path in the image).
    /// </summary>
    public string? Path { get; private init; }

    /// <summary>For <see cref="BundleErrorKind.AssetOutsideTree"/>: where the file's links lead; otherwise <see langword="null"/>.</summary>
    public string? ResolvedPath { get; private init; }

    internal static string CodeFor(BundleErrorKind kind) => kind switch
    {
        BundleErrorKind.AssetUnreadable => ErrorCodes.AssetOverrideMissing,
        BundleErrorKind.InvalidOption => ErrorCodes.InvalidImageOption,
        BundleErrorKind.FilesUnavailable => ErrorCodes.BundleFilesUnavailable,
        BundleErrorKind.AssetOutsideTree => ErrorCodes.AssetOutsideTree,
        BundleErrorKind.ApiKeyHelperNotInBundle => ErrorCodes.ApiKeyHelperNotInBundle,
        BundleErrorKind.CredentialFileInBundle => ErrorCodes.CredentialFileInBundle,
        BundleErrorKind.CredentialInSettings => ErrorCodes.CredentialInBundledSettings,
        BundleErrorKind.SettingsInvalid => ErrorCodes.BundledSettingsInvalid,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown bundle error kind."),
    };

    /// <summary>The option <paramref name="option"/> (named as the user wrote it) is invalid: <paramref name="message"/>.</summary>
    internal static BundleException InvalidOption(string option, string message) =>
        new(BundleErrorKind.InvalidOption, Render(option, message)) { Option = option, Key = SettingKeys.OfOption(option), Named = name => Render(name, message) };

    private static string Render(string option, string reason) => $"Invalid image option {option}: {reason}";

    /// <summary>The file at <paramref name="path"/> for <paramref name="asset"/> cannot be read, because of <paramref name="reason"/>.</summary>
    internal static BundleException AssetUnreadable(string asset, string path, string reason, Exception? innerException = null) =>
        new(BundleErrorKind.AssetUnreadable,
            $"The file for image asset '{asset}' cannot be read: {path} ({reason}). Fix the path or remove the override.",
            innerException)
        { Asset = asset, Path = path };

    /// <summary>The file at <paramref name="path"/> for <paramref name="asset"/> leads, through links, to <paramref name="resolvedPath"/> outside <paramref name="roots"/>.</summary>
    internal static BundleException AssetOutsideTree(string asset, string path, string resolvedPath, IReadOnlyList<string> roots)
    {
        string Render(string rootsSetting) =>
            $"The file for image asset '{asset}', {path}, is a link (or lies under one) that leads to {resolvedPath}, outside the folders image assets may come from ({string.Join(", ", roots ?? [])}). Clawker does not copy files from outside the project's tree into an image. Replace the link by the file itself, or add its folder to the asset roots ({rootsSetting}).";
        return new(BundleErrorKind.AssetOutsideTree, Render("BundleOptions.AssetRoots"))
        {
            Asset = asset,
            Path = path,
            ResolvedPath = resolvedPath,
            Key = SettingKeys.ImageAssetRoots,
            Named = Render,
        };
    }

    /// <summary>Writing into <paramref name="folder"/> failed with <paramref name="failure"/>.</summary>
    internal static BundleException CannotWrite(string folder, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new BundleException(
            BundleErrorKind.FilesUnavailable,
            $"Cannot write the agent image bundle into {folder}: {failure.Message} Make the folder writable by this user (and not on a read-only file system), free disk space, or choose another output folder.",
            failure)
        { Path = folder };
    }

    /// <summary>The bundle's context tar is not at <paramref name="tarPath"/>.</summary>
    internal static BundleException TarMissing(string tarPath) => new(
        BundleErrorKind.FilesUnavailable,
        $"The agent image bundle's context tar {tarPath} does not exist (deleted since it was bundled?). Bundle again first, then build the image.")
    { Path = tarPath };

    /// <summary>The settings file <paramref name="settingsPath"/> (a context path) names the helper <paramref name="helperPath"/>, which <paramref name="reason"/>.</summary>
    internal static BundleException ApiKeyHelperNotInBundle(string settingsPath, string helperPath, string reason) => new(
        BundleErrorKind.ApiKeyHelperNotInBundle,
        $"The bundled Claude Code settings file {settingsPath} sets apiKeyHelper to {helperPath}, which {reason} The agents would run a key helper that is not there and start logged out. Add the helper to the bundle (an extra file at home/<agent user>/..., with a #! first line or a .sh name so it is executable), or remove apiKeyHelper from the settings.")
    { Path = helperPath, Asset = settingsPath };

    /// <summary>The bundle file <paramref name="contextPath"/> is a Claude Code credentials file (<paramref name="why"/>); its content is never read into the message.</summary>
    internal static BundleException CredentialFileInBundle(string contextPath, string why) => new(
        BundleErrorKind.CredentialFileInBundle,
        $"The bundle would bake a Claude Code credentials file into the image: {contextPath} ({why}). Images outlive builds and reach registries, so nothing was written. Remove it from the image assets; the agents share a login through the clawker-globals volume instead (or set CLAUDE_CODE_OAUTH_TOKEN when the container starts).")
    { Path = contextPath };

    /// <summary>The settings file <paramref name="settingsPath"/> puts <paramref name="variable"/> into <c>env</c>; the value is never part of the message.</summary>
    internal static BundleException CredentialInSettings(string settingsPath, string variable) => new(
        BundleErrorKind.CredentialInSettings,
        $"The bundled Claude Code settings file {settingsPath} puts {variable} into env: the credential would be baked into the image, which outlives the build and reaches registries, so nothing was written. Remove {variable} from env (the value is not shown here); pass it to the container when it starts instead, or let the agents share a login through the clawker-globals volume.")
    { Path = settingsPath };

    /// <summary>The settings file <paramref name="settingsPath"/> cannot be checked: <paramref name="reason"/> (a position or a type, never content).</summary>
    internal static BundleException SettingsInvalid(string settingsPath, string reason) => new(
        BundleErrorKind.SettingsInvalid,
        $"The bundled Claude Code settings file {settingsPath} {reason} Claude Code in the agents would not read it as intended, and Clawker cannot check it for credentials, so nothing was written. Fix the file (the asset override settings.json, or the extra file).")
    { Path = settingsPath };
}
