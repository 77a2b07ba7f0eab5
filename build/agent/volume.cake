// EnsureGlobalsVolume: makes sure the clawker-globals volume exists with clawker's labels on the
// Docker engine chosen like the docker CLI does (--docker-host, then DOCKER_HOST, then the docker
// context, then the default socket). Prints what it did; a failure prints the coded error
// (CLAWKER2001-2005, see docs/errors.md) and the run exits non-zero.
//
//   ./build.sh --target=EnsureGlobalsVolume [--docker-host=unix:///path/to/docker.sock]

Task("EnsureGlobalsVolume")
    .Does(async () =>
{
    var options = new Clawker.Docker.DockerEndpointOptions
    {
        Host = Argument<string>("docker-host", null),
        HostOptionName = "--docker-host",
    };
    try
    {
        using var engine = await Clawker.Docker.DockerEngine.ConnectAsync(options);
        var result = await Clawker.Docker.GlobalsVolume.EnsureAsync(engine);
        Information("{0}: {1} (labels {2}) on {3}",
            result.Name, result.Outcome, Clawker.Docker.ClawkerLabels.Describe(new Dictionary<string, string>(Clawker.Docker.GlobalsVolume.Labels)), engine);
    }
    catch (Clawker.Diagnostics.ClawkerException ex)
    {
        // Cake prints the message and exits non-zero; the code leads the message.
        throw new CakeException(ex.CodedMessage);
    }
    Verbose("Docker.DotNet loaded from {0}", string.Join(", ", AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => a.GetName().Name.StartsWith("Docker.DotNet") || a.GetName().Name == "Microsoft.Extensions.Logging.Abstractions")
        .Select(a => $"{a.GetName().Name} {a.GetName().Version} ({a.Location})")));
});
