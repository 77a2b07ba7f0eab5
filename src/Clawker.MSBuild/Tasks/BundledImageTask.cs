using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Base of the engine tasks that take the bundle <c>ClawkerBundleImage</c> wrote (build, push): its
/// tar, tag and content hash, and the engine's progress lines relayed to the build log.
/// </summary>
public abstract class BundledImageTask : EngineTask
{
    /// <summary>Only this assembly's tasks derive from it.</summary>
    private protected BundledImageTask()
    {
    }

    /// <summary>The bundle's <c>context.tar</c> (<c>ClawkerImageTarPath</c>).</summary>
    [Required]
    public string TarPath { get; set; } = string.Empty;

    /// <summary>The bundle's tag (<c>ClawkerImageTag</c>).</summary>
    [Required]
    public string Tag { get; set; } = string.Empty;

    /// <summary>The bundle's content hash (<c>ClawkerImageContentHash</c>).</summary>
    [Required]
    public string ContentHash { get; set; } = string.Empty;

    /// <summary>The engine's output, line by line, at normal verbosity (what <c>dotnet build -v n</c> shows).</summary>
    private protected IProgress<string> EngineProgress() => new LogProgress(line => Log.LogMessage(MessageImportance.Normal, "{0}", line));
}
