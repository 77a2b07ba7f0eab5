// BuildAgentImage: builds the agent image from the bundle BundleAgentImage just wrote (same
// arguments) with ClawkerBuildImage, on the Docker engine through the Engine API, tagged
// clawker-<project>:sha-<hash> and :latest. An unchanged bundle is skipped after one API call.
// Options, as Cake arguments:
//   --force                      build even when the sha- tag exists
//   --no-cache                   ignore the engine's layer cache
//   --docker-host=URI            else DOCKER_HOST, the docker context, the default socket
// Failures print the coded error (CLAWKER4001/4002, CLAWKER2001-2005) and exit non-zero.
//
//   ./build.sh --target=BuildAgentImage [--minimal --base-image=IMAGE] [--force]

Task("BuildAgentImage")
    .IsDependentOn("BundleAgentImage")
    .Does(() =>
{
    // The alias logs the engine's output and what it did (built, or skipped as up to date).
    ClawkerBuildImage(new ClawkerImageBuildSettings
    {
        Bundle = agentBundle,
        DockerHost = Argument<string>("docker-host", null),
        ImageForceBuild = FlagArgument("force"),
        ImageNoCache = FlagArgument("no-cache"),
    });
});
