namespace Clawker.Cake.Diagnostics;

/// <summary>
/// The one table from a bundle setting's key (as the library's option errors carry it) to its Cake
/// name: the <c>ClawkerBundleSettings</c> property of that name (docs/settings.md).
/// </summary>
internal static class SettingNames
{
    /// <summary>The Cake setting of <paramref name="key"/>, for example <c>ClawkerBundleSettings.AgentUid</c> for <c>AgentUid</c>.</summary>
    public static string BundleSetting(string key) => "ClawkerBundleSettings." + key;
}
