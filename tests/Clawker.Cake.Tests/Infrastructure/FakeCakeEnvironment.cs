using Cake.Core.IO;

namespace Clawker.Cake.Tests.Infrastructure;

/// <summary>A Cake environment with explicit variables and folders (unit tests only; the end-to-end tests use the real runner).</summary>
internal sealed class FakeCakeEnvironment(string workingDirectory, IReadOnlyDictionary<string, string>? variables = null, string? home = null) : ICakeEnvironment
{
    private readonly IReadOnlyDictionary<string, string> _variables = variables ?? new Dictionary<string, string>();

    public DirectoryPath WorkingDirectory { get; set; } = new(workingDirectory);

    public DirectoryPath ApplicationRoot => WorkingDirectory;

    public ICakePlatform Platform { get; } = new CakePlatform();

    public ICakeRuntime Runtime { get; } = new CakeRuntime();

    public DirectoryPath GetSpecialPath(SpecialPath path) => path == SpecialPath.UserProfile
        ? new DirectoryPath(home ?? System.IO.Path.Combine(workingDirectory, "home"))
        : throw new NotSupportedException($"The fake environment has no {path}.");

    public string? GetEnvironmentVariable(string variable) => _variables.TryGetValue(variable, out var value) ? value : null;

    public IDictionary<string, string> GetEnvironmentVariables() => new Dictionary<string, string>(_variables);
}
