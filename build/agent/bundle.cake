// BundleAgentImage: writes the agent image's build context with the Clawker library:
//   artifacts/agent-image/context/      for `docker build artifacts/agent-image/context`
//   artifacts/agent-image/context.tar   for the Engine API
//   artifacts/agent-image/manifest.json tag, content hash, every file with mode and SHA-256
// Options (all optional), as Cake arguments:
//   --project-name=NAME          tag clawker-NAME:sha-... (default clawker)
//   --base-image=IMAGE           --agent-user=NAME  --uid=N  --gid=N
//   --claude-code-version=X.Y.Z|latest|stable      --extra-packages=a,b
//   --minimal                    no RUN step (base must already hold Claude Code)
//   --asset=NAME=PATH            replace a built-in asset (repeatable; PATH relative to the repo root)
//   --extra-file=CONTEXT=PATH    add a file to the context (repeatable)
// SOURCE_DATE_EPOCH, when set, fixes the tar's timestamps.

using Clawker.Bundling;

// This script runs with build/agent/ as its working folder; user paths are relative to the repo root.
var bundleRepoRoot = MakeAbsolute(Directory("../.."));
var agentImageDir = bundleRepoRoot.Combine("artifacts/agent-image");

Task("BundleAgentImage")
    .Does(() =>
{
    try
    {
        var defaults = new ImageOptions();
        var result = ImageBundler.Bundle(new BundleOptions
        {
            ProjectName = Argument("project-name", "clawker"),
            OutputDirectory = agentImageDir.FullPath,
            ImageOptions = new ImageOptions
            {
                BaseImage = Argument("base-image", defaults.BaseImage),
                AgentUser = Argument("agent-user", defaults.AgentUser),
                Uid = Argument("uid", defaults.Uid),
                Gid = Argument("gid", defaults.Gid),
                ClaudeCodeVersion = HasArgument("claude-code-version") ? Argument<string>("claude-code-version") : null,
                ExtraPackages = Arguments<string>("extra-packages", Array.Empty<string>())
                    .SelectMany(list => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .ToList(),
                Minimal = FlagArgument("minimal"),
            },
            AssetOverrides = PairArguments("asset"),
            ExtraFiles = PairArguments("extra-file"),
            SourceDateEpoch = SourceDateEpoch.FromEnvironment(Environment.GetEnvironmentVariable),
        });

        Information("Context: {0} ({1} files, {2} written, {3} removed)", result.ContextDirectory, result.Files.Count, result.FilesWritten, result.FilesRemoved);
        Information("Tar:      {0}", result.TarPath);
        Information("Manifest: {0}", result.ManifestPath);
        Information("Tag:      {0}", result.Tag);
    }
    catch (Clawker.Diagnostics.ClawkerException ex)
    {
        // The coded message is the whole story; Cake prints it and exits non-zero.
        throw new CakeException(ex.CodedMessage);
    }
});

// `--minimal` alone means true; `--minimal=false` is honoured.
bool FlagArgument(string name) =>
    HasArgument(name) && !string.Equals(Argument(name, "true"), "false", StringComparison.OrdinalIgnoreCase);

// Repeatable NAME=PATH arguments; a value without '=' is a CLAWKER3002.
Dictionary<string, string> PairArguments(string name)
{
    var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var value in Arguments<string>(name, Array.Empty<string>()))
    {
        var eq = value.IndexOf('=');
        if (eq <= 0)
        {
            throw new InvalidImageOptionException("--" + name, $"'{value}' is not NAME=PATH.");
        }
        pairs[value[..eq]] = bundleRepoRoot.CombineWithFilePath(value[(eq + 1)..]).FullPath;
    }
    return pairs;
}
