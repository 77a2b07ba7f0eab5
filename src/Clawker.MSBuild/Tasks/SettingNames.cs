namespace Clawker.MSBuild.Tasks;

/// <summary>
/// The one table from a setting's key (its Cake name, which the library's setting errors carry)
/// to its MSBuild property: <c>Clawker</c> + the key, for every setting (docs/settings.md).
/// </summary>
internal static class SettingNames
{
    /// <summary>The MSBuild property of <paramref name="key"/>, for example <c>ClawkerAgentUid</c> for <c>AgentUid</c>.</summary>
    public static string Property(string key) => key == "ImageBuildArgs"
        ? "the ClawkerImageBuildArg items (Include=\"NAME\" Value=\"value\")" // items, not a property
        : "Clawker" + key;
}
