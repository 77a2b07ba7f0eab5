namespace Clawker.Docker;

/// <summary>
/// What endpoint resolution reads from the machine: environment variables, the home folder
/// and whether a socket file exists. Injected so tests (and hosts such as MSBuild, whose
/// process environment is not the project's) can pass their own values.
/// </summary>
public sealed class DockerEnvironment
{
    /// <summary>Creates an environment from explicit parts.</summary>
    /// <param name="getVariable">Returns an environment variable's value, or <see langword="null"/> when unset.</param>
    /// <param name="homeDirectory">The user's home folder (holds <c>.docker/</c> when <c>DOCKER_CONFIG</c> is unset).</param>
    /// <param name="fileExists">Whether a path exists (used for socket files, which <see cref="File.Exists(string)"/> also reports).</param>
    /// <param name="isWindows">Whether the default endpoint is Windows' named pipe rather than a unix socket.</param>
    public DockerEnvironment(Func<string, string?> getVariable, string homeDirectory, Func<string, bool> fileExists, bool isWindows = false)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        ArgumentNullException.ThrowIfNull(homeDirectory);
        ArgumentNullException.ThrowIfNull(fileExists);
        GetVariableFunc = getVariable;
        HomeDirectory = homeDirectory;
        FileExistsFunc = fileExists;
        IsWindows = isWindows;
    }

    /// <summary>The real process environment, home folder and file system.</summary>
    public static DockerEnvironment Process { get; } = new(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        File.Exists,
        OperatingSystem.IsWindows());

    private Func<string, string?> GetVariableFunc { get; }

    private Func<string, bool> FileExistsFunc { get; }

    /// <summary>The user's home folder.</summary>
    public string HomeDirectory { get; }

    /// <summary>Whether the platform default is Windows' named pipe.</summary>
    public bool IsWindows { get; }

    /// <summary>An environment variable's value; <see langword="null"/> when unset or empty (as the docker CLI treats empty).</summary>
    /// <param name="name">The variable name, for example <c>DOCKER_HOST</c>.</param>
    public string? GetVariable(string name)
    {
        var value = GetVariableFunc(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Whether <paramref name="path"/> exists.</summary>
    /// <param name="path">A file or socket path.</param>
    public bool FileExists(string path) => FileExistsFunc(path);
}
