using Clawker.Bundling;
using Clawker.Docker;
using Clawker.Publishing;
using Clawker.Tests.Images;

namespace Clawker.Tests.Publishing;

/// <summary>One push test's parts: a bundle of its own project, the engine, and the options for the private registry.</summary>
internal sealed class PushFixture : IDisposable
{
    private readonly TempDirectory _work;

    private PushFixture(string project, BundleResult bundle, DockerEngine engine, TempDirectory work)
    {
        _work = work;
        Project = project;
        Bundle = bundle;
        Engine = engine;
    }

    public string Project { get; }

    public BundleResult Bundle { get; }

    public DockerEngine Engine { get; }

    /// <summary>The repository's path on the registry (the registry has no path prefix here).</summary>
    public string RepositoryPath => "clawker-" + Project;

    public string Sha => Bundle.Tag[(Bundle.Tag.LastIndexOf(':') + 1)..];

    public static async Task<PushFixture> CreateAsync(string prefix)
    {
        OfflineRootFs.RequireWithEngine();
        TestRegistry.Require();
        var project = TestEngine.UniqueName(prefix);
        var engine = await TestEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        var work = TestAgentImage.NewWorkDirectory();
        return new PushFixture(project, await TestAgentImage.BundleAsync(project, work.Path), engine, work);
    }

    /// <summary>Options for the private registry, reading the environment from <paramref name="variables"/> only (plus PATH).</summary>
    public static ImagePushOptions Options(IReadOnlyDictionary<string, string> variables, string? registry = null) => new()
    {
        Registry = registry ?? TestRegistry.Address,
        Environment = ClawkerEnvironment.FromValues(
            new Dictionary<string, string>(variables) { ["PATH"] = variables.TryGetValue("PATH", out var path) ? path : Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" },
            homeDirectory: "/nonexistent-home"),
    };

    public Task<ImagePushResult> PushAsync(ImagePushOptions options, IProgress<string>? progress = null) =>
        AgentImagePusher.PushAsync(Engine, Bundle.TarPath, Bundle.Tag, Bundle.ContentHash, options, progress, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Engine.Dispose();
        _work.Dispose();
    }
}
