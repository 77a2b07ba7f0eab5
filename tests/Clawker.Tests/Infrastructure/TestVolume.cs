using Docker.DotNet.Models;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// A clawker volume of the test's own (a purpose no other test uses), removed from the engine
/// when disposed, so tests run in parallel on one engine and leave nothing behind.
/// </summary>
internal sealed class TestVolume(DockerEngine engine, string purpose) : IAsyncDisposable
{
    public string Purpose => purpose;

    public string Name => ClawkerNames.Volume(purpose);

    /// <summary>A fresh name, not created on the engine.</summary>
    public static TestVolume Reserve(DockerEngine engine) => new(engine, TestEngine.NewPurpose());

    /// <summary>A fresh name, created on the engine beforehand with <paramref name="labels"/> (none when null), as another tool might have.</summary>
    public static async Task<TestVolume> PrecreateAsync(DockerEngine engine, IDictionary<string, string>? labels, CancellationToken cancellationToken)
    {
        var volume = Reserve(engine);
        var parameters = new VolumesCreateParameters { Name = volume.Name };
        if (labels is not null)
        {
            parameters.Labels = labels;
        }

        await engine.Client.Volumes.CreateAsync(parameters, cancellationToken);
        return volume;
    }

    public async ValueTask DisposeAsync() => await TestEngine.RemoveVolumeAsync(engine, Name);
}
