using Clawker.Diagnostics;
using Clawker.Docker;

// The engine the docker CLI would use (DOCKER_HOST, the context, the default socket); exit 1 with the coded message.
try
{
    using var engine = await DockerEngine.ConnectAsync();
    var result = await GlobalsVolume.EnsureAsync(engine);
    Console.WriteLine(result.Outcome);
    return 0;
}
catch (ClawkerException e)
{
    Console.Error.WriteLine($"{e.Code}: {e.Message}");
    return 1;
}
