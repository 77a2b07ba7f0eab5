namespace Clawker.Keyring;

/// <summary>
/// What the keyring and the credential checks read from their surroundings: environment
/// variables, the home directory and the OS user name. Injectable so tests and build hosts
/// pass values explicitly instead of mutating the process environment.
/// </summary>
public sealed class KeyringEnvironment
{
    private readonly Func<string, string?> _variable;
    private readonly Func<string> _home;
    private readonly Func<string> _user;

    /// <summary>Creates an environment from lookups.</summary>
    /// <param name="variable">Returns an environment variable's value, or <see langword="null"/> when unset.</param>
    /// <param name="homeDirectory">Returns the user's home directory.</param>
    /// <param name="userName">Returns the OS user name (the keychain account); may throw when it cannot be resolved.</param>
    public KeyringEnvironment(Func<string, string?> variable, Func<string> homeDirectory, Func<string> userName)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(homeDirectory);
        ArgumentNullException.ThrowIfNull(userName);
        _variable = variable;
        _home = homeDirectory;
        _user = userName;
    }

    /// <summary>The current process's environment, home directory and user.</summary>
    public static KeyringEnvironment Process { get; } = new(
        Environment.GetEnvironmentVariable,
        () => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        () => Environment.GetEnvironmentVariable(OperatingSystem.IsWindows() ? "USERNAME" : "USER") is { Length: > 0 } u
            ? u
            : Environment.UserName);

    /// <summary>An environment made of explicit values, for tests and hosts that isolate their environment.</summary>
    /// <param name="variables">The environment variables; any other is unset.</param>
    /// <param name="homeDirectory">The home directory.</param>
    /// <param name="userName">The OS user name.</param>
    /// <returns>The environment.</returns>
    public static KeyringEnvironment FromValues(IReadOnlyDictionary<string, string> variables, string homeDirectory, string userName)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new KeyringEnvironment(n => variables.TryGetValue(n, out var v) ? v : null, () => homeDirectory, () => userName);
    }

    /// <summary>An environment variable's value; blank counts as unset.</summary>
    /// <param name="name">The variable's name.</param>
    /// <returns>The value, or <see langword="null"/> when unset or blank.</returns>
    public string? Variable(string name) => _variable(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v : null;

    /// <summary>The user's home directory.</summary>
    public string HomeDirectory => _home();

    /// <summary>The OS user name; throws when it cannot be resolved.</summary>
    public string UserName => _user();
}
