// EnsureGlobalsVolume: makes sure the clawker-globals volume exists with clawker's labels, with
// ClawkerEnsureGlobalsVolume, on the Docker engine chosen like the docker CLI does (--docker-host,
// then DOCKER_HOST, then the docker context, then the default socket). Prints what it did; a
// failure prints the coded error (CLAWKER2001-2005, see docs/errors.md) and the run exits non-zero.
//
//   ./build.sh --target=EnsureGlobalsVolume [--docker-host=unix:///path/to/docker.sock]

ClawkerVolumeSettings GlobalsVolumeSettings(ClawkerPolicy engineUnreachable) => new()
{
    DockerHost = Argument<string>("docker-host", null),
    EngineUnreachable = engineUnreachable,
};

Task("EnsureGlobalsVolume")
    .Does(() => ClawkerEnsureGlobalsVolume(GlobalsVolumeSettings(ClawkerPolicy.Error)));

// For the default build, which must succeed on a machine without Docker: no engine is a warning
// that says so plainly and how to point DOCKER_HOST at one. Any other failure still fails.
Task("EnsureGlobalsVolumeIfReachable")
    .Does(() =>
{
    var volume = ClawkerEnsureGlobalsVolume(GlobalsVolumeSettings(ClawkerPolicy.Warning));
    if (volume.Outcome == ClawkerVolumeOutcome.EngineUnreachable)
    {
        Warning("No Docker engine is reachable, so {0} was not ensured (looked at {1}).", volume.Name, volume.Endpoint);
        Warning("To ensure it, start Docker or point DOCKER_HOST at a running engine, for example");
        Warning("  DOCKER_HOST=unix:///run/user/$(id -u)/docker.sock ./build.sh   (rootless Docker)");
        Warning("  eval \"$(build/services/dockerd.sh start)\" && ./build.sh          (a private dockerd, as root)");
        Warning("or pass --docker-host=unix:///path/to/docker.sock. ./build.sh --target=Prepare fails instead of warning.");
    }
});
