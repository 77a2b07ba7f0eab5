namespace Clawker;

/// <summary>
/// What the library reads from the machine it runs on: environment variables, the home
/// directory, the OS user name, whether a file exists, and the platform. Every area (keyring,
/// Docker endpoint resolution) takes it through its options, so tests and build hosts (MSBuild,
/// Cake) pass their own values instead of mutating the process environment.
/// </summary>
public sealed class ClawkerEnvironment
{
    private readonly Func<string, string?> _variable;
    private readonly Func<string> _home;
    private readonly Func<string> _user;
    private readonly Func<string, bool> _fileExists;

    /// <summary>Creates an environment from lookups.</summary>
    /// <param name="variable">Returns an environment variable's value, or <see langword="null"/> when unset.</param>
    /// <param name="homeDirectory">Returns the user's home directory.</param>
    /// <param name="userName">Returns the OS user name (the keychain account); may throw when it cannot be resolved.</param>
    /// <param name="fileExists">Whether a path exists (sockets included); defaults to <see cref="File.Exists(string)"/>.</param>
    /// <param name="isWindows">Whether the platform is Windows; defaults to the running OS.</param>
    public ClawkerEnvironment(
        Func<string, string?> variable,
        Func<string> homeDirectory,
        Func<string> userName,
        Func<string, bool>? fileExists = null,
        bool? isWindows = null)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(homeDirectory);
        ArgumentNullException.ThrowIfNull(userName);
        _variable = variable;
        _home = homeDirectory;
        _user = userName;
        _fileExists = fileExists ?? File.Exists;
        IsWindows = isWindows ?? OperatingSystem.IsWindows();
    }

    /// <summary>The current process's environment, home directory, user, file system and OS.</summary>
    public static ClawkerEnvironment Process { get; } = new(
        Environment.GetEnvironmentVariable,
        () => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        () => UserNameFrom(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows()));

    /// <summary>An environment made of explicit values, for tests and hosts that isolate their environment.</summary>
    /// <param name="variables">The environment variables; any other is unset.</param>
    /// <param name="homeDirectory">The home directory.</param>
    /// <param name="userName">The OS user name.</param>
    /// <param name="fileExists">Whether a path exists; defaults to <see cref="File.Exists(string)"/>.</param>
    /// <param name="isWindows">Whether the platform is Windows; defaults to the running OS.</param>
    /// <returns>The environment.</returns>
    public static ClawkerEnvironment FromValues(
        IReadOnlyDictionary<string, string> variables,
        string homeDirectory,
        string userName = "user",
        Func<string, bool>? fileExists = null,
        bool? isWindows = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new ClawkerEnvironment(n => variables.TryGetValue(n, out var v) ? v : null, () => homeDirectory, () => userName, fileExists, isWindows);
    }

    /// <summary>The OS user name as Claude Code sees it: <c>USER</c> (<c>USERNAME</c> on Windows), else the process's account.</summary>
    /// <param name="variable">Reads an environment variable.</param>
    /// <param name="isWindows">Whether the platform is Windows.</param>
    /// <returns>The user name.</returns>
    public static string UserNameFrom(Func<string, string?> variable, bool isWindows)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable(isWindows ? "USERNAME" : "USER") is { Length: > 0 } user ? user : Environment.UserName;
    }

    /// <summary>An environment variable's value; blank counts as unset (as the docker CLI and Claude Code treat it).</summary>
    /// <param name="name">The variable's name, for example <c>DOCKER_HOST</c>.</param>
    /// <returns>The value, or <see langword="null"/> when unset or blank.</returns>
    public string? Variable(string name) => _variable(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v : null;

    /// <summary>The user's home directory.</summary>
    public string HomeDirectory => _home();

    /// <summary>The OS user name; throws when it cannot be resolved.</summary>
    public string UserName => _user();

    /// <summary>Whether the platform is Windows (the Docker default is then a named pipe).</summary>
    public bool IsWindows { get; }

    /// <summary>Whether <paramref name="path"/> exists (a file or a socket).</summary>
    /// <param name="path">The path.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    public bool FileExists(string path) => _fileExists(path);
}
