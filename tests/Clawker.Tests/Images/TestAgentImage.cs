namespace Clawker.Tests.Images;

/// <summary>
/// Agent images for the container tests: the real bundle (minimal mode, real entrypoint.sh) on
/// the offline base image, with a stand-in <c>claude</c> added as an extra context file. Each
/// caller gets its own project name, so tests sharing one engine never see each other's tags.
/// </summary>
internal static class TestAgentImage
{
    /// <summary>Where the stand-in lands: ~/.local/bin, first on the base image's PATH.</summary>
    public const string StandInContextPath = "home/claude/.local/bin/claude";

    /// <summary>
    /// Stands in for Claude Code: <c>claude login TOKEN</c> writes ~/.claude/.credentials.json
    /// (through the entrypoint's link, as Claude Code does), <c>claude show</c> prints it.
    /// Writes with the default umask, so the 0600 seen later is the entrypoint's doing.
    /// </summary>
    public const string StandInScript = """
        #!/bin/sh
        # Stand-in for Claude Code in clawker's container tests.
        set -eu
        case "${1:-}" in
          login) printf '{"claudeAiOauth":{"accessToken":"%s"}}' "$2" > "$HOME/.claude/.credentials.json"; echo "logged in" ;;
          show) cat "$HOME/.claude/.credentials.json" ;;
          *) echo "claude stand-in: $*" ;;
        esac

        """;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<ImageBuilderKind, ImageBuildResult> Shared = [];

    /// <summary>A fresh folder of the test's own, removed when disposed.</summary>
    public static TempDirectory NewWorkDirectory() => new("clawker-image-test-");

    /// <summary>Bundles the test agent image for <paramref name="project"/> into <paramref name="workDirectory"/>.</summary>
    public static async Task<BundleResult> BundleAsync(string project, string workDirectory, bool minimal = true, string? marker = null)
    {
        var baseImage = await OfflineBaseImage.EnsureAsync();
        var standIn = Path.Combine(workDirectory, "claude-stand-in");
        await File.WriteAllTextAsync(standIn, StandInScript.Replace("\r\n", "\n", StringComparison.Ordinal) + (marker is null ? string.Empty : $"# {marker}\n"));
        return ImageBundler.Bundle(new BundleOptions
        {
            ProjectName = project,
            OutputDirectory = Path.Combine(workDirectory, "agent-image"),
            AssetRoots = [workDirectory], // the stand-in lives in the test's own folder, outside the repository
            ImageOptions = new ImageOptions { BaseImage = baseImage, Minimal = minimal },
            ExtraFiles = new Dictionary<string, string> { [StandInContextPath] = standIn },
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>One agent image per builder and test process for the container tests, built on first use.</summary>
    public static Task<ImageBuildResult> SharedAsync(CancellationToken cancellationToken) => SharedAsync(ImageBuilderKind.Auto, cancellationToken);

    /// <summary>The shared agent image as <paramref name="builder"/> builds it.</summary>
    public static async Task<ImageBuildResult> SharedAsync(ImageBuilderKind builder, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!Shared.TryGetValue(builder, out var shared))
            {
                using var work = NewWorkDirectory();
                var bundle = await BundleAsync(TestEngine.UniqueName("e2e-" + builder.ToString().ToLowerInvariant()), work.Path);
                using var engine = await TestEngine.ConnectAsync(cancellationToken: cancellationToken);
                shared = Shared[builder] = await AgentImageBuilder.BuildAsync(engine, bundle, new ImageBuildOptions { Builder = builder }, cancellationToken: cancellationToken);
            }

            return shared;
        }
        finally
        {
            Gate.Release();
        }
    }
}
