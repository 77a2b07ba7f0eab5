using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary>
/// Options of the built-in Dockerfile. Numbers are strings on purpose: they arrive as text
/// from MSBuild properties and Cake arguments and are validated with a clear
/// <c>CLAWKER3002</c> error instead of failing in a parser.
/// </summary>
public sealed class ImageOptions
{
    /// <summary>The default base image: a Debian-based Node image.</summary>
    public const string DefaultBaseImage = "node:22-bookworm-slim";

    /// <summary>The default agent user, as clawker expects it.</summary>
    public const string DefaultAgentUser = "claude";

    /// <summary>The default agent uid, as clawker expects it.</summary>
    public const string DefaultUid = "1001";

    /// <summary>The default agent gid, as clawker expects it.</summary>
    public const string DefaultGid = "1001";

    /// <summary>The Claude Code npm version installed unless another is asked for.</summary>
    public const string DefaultClaudeCodeVersion = "2.1.330";

    /// <summary>
    /// The options as a surface gives them (MSBuild properties, Cake settings): a null or blank
    /// value means the default, and values are trimmed. The result is validated when bundling
    /// (<c>CLAWKER3002</c>), as any other <see cref="ImageOptions"/>.
    /// </summary>
    /// <param name="baseImage">The base image; blank for <see cref="DefaultBaseImage"/>.</param>
    /// <param name="claudeCodeVersion">The Claude Code version; blank for the pinned one.</param>
    /// <param name="minimal">Minimal mode.</param>
    /// <param name="agentUser">The agent's user; blank for <see cref="DefaultAgentUser"/>.</param>
    /// <param name="uid">The agent's uid; blank for <see cref="DefaultUid"/>.</param>
    /// <param name="gid">The agent's gid; blank for <see cref="DefaultGid"/>.</param>
    /// <param name="extraPackages">Extra Debian packages; blank entries are dropped.</param>
    /// <returns>The options.</returns>
    public static ImageOptions Create(
        string? baseImage = null,
        string? claudeCodeVersion = null,
        bool minimal = false,
        string? agentUser = null,
        string? uid = null,
        string? gid = null,
        IEnumerable<string>? extraPackages = null) => new()
    {
        BaseImage = ClawkerSettingParser.Text(baseImage) ?? DefaultBaseImage,
        ClaudeCodeVersion = ClawkerSettingParser.Text(claudeCodeVersion),
        Minimal = minimal,
        AgentUser = ClawkerSettingParser.Text(agentUser) ?? DefaultAgentUser,
        Uid = ClawkerSettingParser.Text(uid) ?? DefaultUid,
        Gid = ClawkerSettingParser.Text(gid) ?? DefaultGid,
        ExtraPackages = [.. (extraPackages ?? []).Select(ClawkerSettingParser.Text).OfType<string>()],
    };

    /// <summary>The image to build on. Default <see cref="DefaultBaseImage"/>.</summary>
    public string BaseImage { get; init; } = DefaultBaseImage;

    /// <summary>The agent's user name; its home is <c>/home/&lt;name&gt;</c>. Default <c>claude</c>.</summary>
    public string AgentUser { get; init; } = DefaultAgentUser;

    /// <summary>The agent's numeric uid (1 or more). Default <c>1001</c>.</summary>
    public string Uid { get; init; } = DefaultUid;

    /// <summary>The agent's numeric gid (1 or more). Default <c>1001</c>.</summary>
    public string Gid { get; init; } = DefaultGid;

    /// <summary>
    /// The <c>@anthropic-ai/claude-code</c> npm version: <c>x.y.z</c>, <c>latest</c> or
    /// <c>stable</c>. Null means <see cref="DefaultClaudeCodeVersion"/>; must stay null in
    /// minimal mode, which installs nothing.
    /// </summary>
    public string? ClaudeCodeVersion { get; init; }

    /// <summary>Extra Debian packages to install (not allowed in minimal mode).</summary>
    public IReadOnlyList<string> ExtraPackages { get; init; } = [];

    /// <summary>
    /// Minimal mode: a Dockerfile with no <c>RUN</c> step, for offline builds and bases that
    /// already hold Claude Code. The base needs <c>/bin/bash</c>; the agent runs as the
    /// numeric uid:gid, so the base need not know the user.
    /// </summary>
    public bool Minimal { get; init; }
}
