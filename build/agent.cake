// Agent-image tasks. Each runs build/agent/agent.cake in a second Cake process against the
// library this run just published (see that file for why), passing the arguments through.

var libraryDir = artifacts.Combine("bin/Clawker");

Task("PublishLibrary")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetPublish(repoRoot.CombineWithFilePath("src/Clawker/Clawker.csproj").FullPath, new DotNetPublishSettings
    {
        Configuration = configuration,
        NoBuild = true,
        OutputDirectory = libraryDir,
    });
});

void RunAgentTask(string agentTarget)
{
    var args = new ProcessArgumentBuilder()
        .Append("cake")
        .AppendQuoted(repoRoot.CombineWithFilePath("build/agent/agent.cake").FullPath)
        .Append($"--target={agentTarget}");
    // Pass the user's own arguments (--base-image=..., --minimal, ...) through unchanged.
    foreach (var arg in Environment.GetCommandLineArgs().Skip(1).Where(a => a.StartsWith("--") && !a.StartsWith("--target")))
    {
        args.Append(arg);
    }
    var exitCode = StartProcess("dotnet", new ProcessSettings { WorkingDirectory = repoRoot, Arguments = args });
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, $"{agentTarget} failed (exit code {exitCode}).");
    }
}

Task("AgentSmoke")
    .IsDependentOn("PublishLibrary")
    .Does(() => RunAgentTask("Smoke"));

Task("BundleAgentImage")
    .IsDependentOn("PublishLibrary")
    .Does(() => RunAgentTask("BundleAgentImage"));

// Builds the agent image on the engine from the bundle (build/agent/image.cake); skipped when
// the sha- tag exists, --force rebuilds. Uses DOCKER_HOST or --docker-host.
Task("BuildAgentImage")
    .IsDependentOn("PublishLibrary")
    .Does(() => RunAgentTask("BuildAgentImage"));

// Makes sure clawker-globals exists with clawker's labels (build/agent/volume.cake). Uses
// DOCKER_HOST like every docker tool, or --docker-host=unix:///path/to/docker.sock.
Task("EnsureGlobalsVolume")
    .IsDependentOn("PublishLibrary")
    .Does(() => RunAgentTask("EnsureGlobalsVolume"));
