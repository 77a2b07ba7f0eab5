namespace Clawker.Bundling;

/// <summary>Image options after validation: parsed, defaulted, packages sorted and unique.</summary>
internal sealed record ResolvedImageOptions(
    string BaseImage,
    string AgentUser,
    int Uid,
    int Gid,
    string ClaudeCodeVersion,
    IReadOnlyList<string> ExtraPackages,
    bool Minimal)
{
    /// <summary>The agent's home directory in the image.</summary>
    public string Home => $"/home/{AgentUser}";
}
