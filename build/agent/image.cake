// BuildAgentImage: builds the agent image from artifacts/agent-image/ (BundleAgentImage runs
// first, with the same arguments) on the Docker engine through the Engine API, tagged
// clawker-<project>:sha-<hash> and :latest. An unchanged bundle is skipped after one API call.
// Options, as Cake arguments:
//   --force                      build even when the sha- tag exists
//   --no-cache                   ignore the engine's layer cache
//   --docker-host=URI            else DOCKER_HOST, the docker context, the default socket
// Failures print the coded error (CLAWKER4001/4002, CLAWKER2001-2005) and exit non-zero.
//
//   ./build.sh --target=BuildAgentImage [--minimal --base-image=IMAGE] [--force]

using System.Text.Json;

Task("BuildAgentImage")
    .IsDependentOn("BundleAgentImage")
    .Does(async () =>
{
    using var manifest = JsonDocument.Parse(System.IO.File.ReadAllText(agentImageDir.CombineWithFilePath("manifest.json").FullPath));
    var tag = manifest.RootElement.GetProperty("tag").GetString();
    var contentHash = manifest.RootElement.GetProperty("contentHash").GetString();
    var options = new Clawker.Docker.DockerEndpointOptions
    {
        Host = Argument<string>("docker-host", null),
        HostOptionName = "--docker-host",
    };
    try
    {
        using var engine = await Clawker.Docker.DockerEngine.ConnectAsync(options);
        var result = await Clawker.Images.AgentImageBuilder.BuildAsync(
            engine,
            agentImageDir.CombineWithFilePath("context.tar").FullPath,
            tag,
            contentHash,
            new Clawker.Images.ImageBuildOptions { Force = FlagArgument("force"), NoCache = FlagArgument("no-cache") },
            new LineLog(line => Information("{0}", line)));
        Information(result.Skipped ? "{0}: up to date, build skipped (image {1})" : "{0}: built (image {1})", result.Tag, result.ImageId);
    }
    catch (Clawker.Diagnostics.ClawkerException ex)
    {
        throw new CakeException(ex.CodedMessage);
    }
});

// Logs each build line at once, in order (Progress<T> would post them to the thread pool).
sealed class LineLog : IProgress<string>
{
    private readonly Action<string> _log;
    public LineLog(Action<string> log) => _log = log;
    public void Report(string value) => _log(value);
}
