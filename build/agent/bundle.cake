// BundleAgentImage: writes the agent image's build context with ClawkerBundleImage:
//   artifacts/agent-image/context/      for `docker build artifacts/agent-image/context`
//   artifacts/agent-image/context.tar   for the Engine API
//   artifacts/agent-image/manifest.json tag, content hash, every file with mode and SHA-256
// Options (all optional), as Cake arguments:
//   --project-name=NAME          tag clawker-NAME:sha-... (default agent: clawker-agent)
//   --base-image=IMAGE           --agent-user=NAME  --uid=N  --gid=N
//   --claude-code-version=X.Y.Z|latest|stable      --extra-packages=a,b
//   --minimal                    no RUN step (base must already hold Claude Code)
//   --asset=NAME=PATH            replace a built-in asset (repeatable; PATH relative to the repo root)
//   --extra-file=CONTEXT=PATH    add a file to the context (repeatable)
// SOURCE_DATE_EPOCH, when set, fixes the tar's timestamps.

// This script runs with build/agent/ as its working folder; user paths are relative to the repo root.
var agentRepoRoot = MakeAbsolute(Directory("../.."));

// The bundle this run wrote; BuildAgentImage (image.cake) builds from it.
ClawkerBundleResult agentBundle = null;

Task("BundleAgentImage")
    .Does(() =>
{
    var settings = new ClawkerBundleSettings
    {
        ImageProject = Argument("project-name", "agent"),
        ImageOutputDir = agentRepoRoot.Combine("artifacts/agent-image"),
        BaseImage = Argument<string>("base-image", null),
        AgentUser = Argument<string>("agent-user", null),
        AgentUid = Argument<string>("uid", null),
        AgentGid = Argument<string>("gid", null),
        ClaudeCodeVersion = Argument<string>("claude-code-version", null),
        ImageMinimal = FlagArgument("minimal"),
    };
    foreach (var package in Arguments<string>("extra-packages", Array.Empty<string>())
        .SelectMany(list => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
    {
        settings.ExtraPackages.Add(package);
    }
    foreach (var (name, path) in PairArguments("asset"))
    {
        settings.AssetOverrides[name] = path;
    }
    foreach (var (contextPath, path) in PairArguments("extra-file"))
    {
        settings.ExtraFiles[contextPath] = path;
    }

    agentBundle = ClawkerBundleImage(settings);
    Information("Tar:      {0}", agentBundle.TarPath);
    Information("Manifest: {0}", agentBundle.ManifestPath);
    Information("Tag:      {0}", agentBundle.Tag);
});

// `--minimal` alone means true; `--minimal=false` is honoured.
bool FlagArgument(string name) =>
    HasArgument(name) && !string.Equals(Argument(name, "true"), "false", StringComparison.OrdinalIgnoreCase);

// Repeatable NAME=PATH arguments, PATH relative to the repository root.
IEnumerable<(string Name, FilePath Path)> PairArguments(string name)
{
    foreach (var value in Arguments<string>(name, Array.Empty<string>()))
    {
        var eq = value.IndexOf('=');
        if (eq <= 0)
        {
            throw new CakeException($"CLAWKER3002: --{name}={value} is not NAME=PATH.");
        }
        yield return (value[..eq], agentRepoRoot.CombineWithFilePath(value[(eq + 1)..]));
    }
}
