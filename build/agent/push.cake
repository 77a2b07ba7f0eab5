// PushAgentImage: pushes the agent image (built first when the engine lacks it) to a registry
// with ClawkerPushImage, as <registry>/clawker-<project>:sha-<hash> and :latest, through the
// Engine API with the docker CLI's credentials (DOCKER_CONFIG or ~/.docker/config.json). An
// image the registry already has with the same digest is not pushed again.
// Options, as Cake arguments:
//   --registry=HOST[:PORT][/PATH]        required, for example registry.example.com/team
//   --registry-username=USER             CI: with the NAME of the variable holding the password
//   --registry-password-variable=NAME    (never the password itself)
//   --force-push                         push even when the registry has it
//   --docker-host=URI                    else DOCKER_HOST, the docker context, the default socket
// Failures print the coded error (CLAWKER6001-6009, CLAWKER4001/4002, CLAWKER2001-2005) and exit non-zero.
//
//   ./build.sh --target=PushAgentImage --registry=127.0.0.1:5000 [--minimal --base-image=IMAGE]

Task("PushAgentImage")
    .IsDependentOn("BundleAgentImage")
    .Does(() =>
{
    var pushed = ClawkerPushImage(new ClawkerImagePushSettings
    {
        Bundle = agentBundle,
        Registry = Argument<string>("registry", null),
        RegistryUsername = Argument<string>("registry-username", null),
        RegistryPasswordVariable = Argument<string>("registry-password-variable", null),
        ImageForcePush = FlagArgument("force-push"),
        DockerHost = Argument<string>("docker-host", null),
    });
    // The line a deployment pins.
    Information("Digest reference: {0}", pushed.DigestReference);
});
