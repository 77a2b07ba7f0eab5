namespace Clawker.Bundling;

/// <summary>The built-in image assets, by the names <see cref="BundleOptions.AssetOverrides"/> uses.</summary>
public static class AssetNames
{
    /// <summary>The Dockerfile. An override is used verbatim, so the image options no longer apply.</summary>
    public const string Dockerfile = "Dockerfile";

    /// <summary>The container entrypoint (bash).</summary>
    public const string Entrypoint = "entrypoint.sh";

    /// <summary>Claude Code's status-line script, copied to <c>~/.claude-init</c>.</summary>
    public const string StatusLine = "statusline.sh";

    /// <summary>The default Claude Code settings, copied to <c>~/.claude-init</c> and merged at start.</summary>
    public const string Settings = "settings.json";

    /// <summary>Every asset name, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [Dockerfile, Entrypoint, Settings, StatusLine];
}
