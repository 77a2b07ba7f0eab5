namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>
/// A fake Cake context working in a temporary folder of its own, deleted afterwards: what most
/// alias tests arrange first.
/// </summary>
internal sealed class CakeSandbox : IDisposable
{
    private readonly TempDirectory _temp = new();

    /// <param name="unreachableDockerHost">Whether DOCKER_HOST in the Cake environment names <see cref="MissingSocketHost"/>.</param>
    /// <param name="variables">The Cake environment's variables (what the script sees, not the test process's).</param>
    public CakeSandbox(bool unreachableDockerHost = false, IReadOnlyDictionary<string, string>? variables = null) => Context = new FakeCakeContext(new FakeCakeEnvironment(
        _temp.Path,
        unreachableDockerHost ? new Dictionary<string, string> { ["DOCKER_HOST"] = MissingSocketHost } : variables));

    public FakeCakeContext Context { get; }

    public string Path => _temp.Path;

    /// <summary>A socket path in the folder that nothing listens on: an unreachable engine without an engine.</summary>
    public string MissingSocket => Combine("missing.sock");

    public string MissingSocketHost => $"unix://{MissingSocket}";

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public void Dispose() => _temp.Dispose();
}
