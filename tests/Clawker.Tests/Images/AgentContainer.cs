using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.Tests.Images;

/// <summary>
/// Runs the test agent image the way clawker runs an agent: the globals volume at
/// ~/.clawker-globals and a per-agent config volume at ~/.claude, no network. Each test gets
/// its own globals volume (a unique purpose) and config volumes, removed on dispose.
/// </summary>
internal sealed class AgentContainer : IAsyncDisposable
{
    public const string Home = "/home/claude";
    public const string LocalCredentials = Home + "/.claude/.credentials.json";
    public const string GlobalCredentials = GlobalsVolume.MountPoint + "/.credentials.json";

    private readonly List<string> _volumes = [];

    private AgentContainer(DockerEngine engine, DockerClient client, string image, string globalsPurpose)
    {
        Engine = engine;
        Client = client;
        Image = image;
        GlobalsPurpose = globalsPurpose;
        _volumes.Add(ClawkerNames.Volume(globalsPurpose));
    }

    public DockerEngine Engine { get; }

    public DockerClient Client { get; }

    public string Image { get; }

    public string GlobalsPurpose { get; }

    /// <summary>Builds (once per process) the agent image and ensures this test's globals volume with clawker's own ensure.</summary>
    public static Task<AgentContainer> StartAsync(CancellationToken ct) => StartAsync(Clawker.Images.ImageBuilderKind.Auto, ct);

    /// <summary>As <see cref="StartAsync(CancellationToken)"/>, with the image as <paramref name="builder"/> builds it.</summary>
    public static async Task<AgentContainer> StartAsync(Clawker.Images.ImageBuilderKind builder, CancellationToken ct)
    {
        var image = await TestAgentImage.SharedAsync(builder, ct);
        var engine = await TestEngine.ConnectAsync(cancellationToken: ct);
        var purpose = TestEngine.UniqueName("globals-test");
        var ensured = await ClawkerVolumes.EnsureAsync(engine, purpose, ct);
        ensured.Outcome.ShouldBe(VolumeEnsureOutcome.Created);
        return new AgentContainer(engine, TestEngine.Client(), image.Tag, purpose);
    }

    /// <summary>A fresh config volume name (Docker creates it, with the image's ~/.claude, on first mount).</summary>
    public string NewConfigVolume()
    {
        var name = TestEngine.UniqueName("clawker-test-config");
        _volumes.Add(name);
        return name;
    }

    /// <summary>Runs the agent (the image's entrypoint, then <paramref name="command"/>) with both volumes.</summary>
    public Task<ContainerRun> RunAgentAsync(string configVolume, IList<string> command, CancellationToken ct) =>
        TestContainer.RunAsync(Client, Image, command, Mounts(configVolume, withGlobals: true), cancellationToken: ct);

    /// <summary>Writes a regular credentials file into a config volume, without the entrypoint and without the globals volume.</summary>
    public async Task SeedLocalCredentialsAsync(string configVolume, string content, CancellationToken ct)
    {
        var run = await TestContainer.RunAsync(
            Client,
            Image,
            ["printf '%s' \"$1\" > " + LocalCredentials + " && chmod 600 " + LocalCredentials, "seed", content],
            Mounts(configVolume, withGlobals: false),
            entrypoint: ["/bin/sh", "-c"],
            cancellationToken: ct);
        run.ExitCode.ShouldBe(0, run.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var volume in _volumes)
        {
            try
            {
                await Client.Volumes.RemoveAsync(volume, force: true, CancellationToken.None);
            }
            catch (DockerApiException)
            {
                // Already gone or never created.
            }
        }

        Client.Dispose();
        Engine.Dispose();
    }

    private List<Mount> Mounts(string configVolume, bool withGlobals)
    {
        var mounts = new List<Mount> { new() { Type = "volume", Source = configVolume, Target = Home + "/.claude" } };
        if (withGlobals)
        {
            mounts.Add(ClawkerVolumes.Mount(GlobalsPurpose, GlobalsVolume.MountPoint));
        }

        return mounts;
    }
}
