namespace Clawker.Tests.Infrastructure;

/// <summary>
/// A Claude Code config folder of the test's own (<c>CLAUDE_CONFIG_DIR</c>), and the environment a
/// child process (Cake, dotnet build) needs to read only it: the keyring off and every variable
/// that would make Claude Code (and so the check) ignore the stored login unset.
/// </summary>
public sealed class CraftedLogin(string prefix = "clawker-claude-") : IDisposable
{
    private readonly TempDirectory _dir = new(prefix);

    public string ConfigDir => _dir.Path;

    public string CredentialsFile => ClaudeLogin.FileIn(ConfigDir);

    public void Write(string json) => ClaudeLogin.WriteFile(ConfigDir, json);

    /// <summary>Claude Code's user settings in this folder (<c>$CLAUDE_CONFIG_DIR/settings.json</c>).</summary>
    public string SettingsFile => Path.Combine(ConfigDir, "settings.json");

    /// <summary>The apiKeyHelper script <see cref="WriteApiKeyHelper"/> writes.</summary>
    public string HelperScript => Path.Combine(ConfigDir, "get-key.sh");

    /// <summary>Makes <see cref="SettingsFile"/> set <c>apiKeyHelper</c> to an executable /bin/sh script of <paramref name="body"/>.</summary>
    public void WriteApiKeyHelper(string body)
    {
        File.WriteAllText(HelperScript, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(HelperScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(SettingsFile, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["apiKeyHelper"] = HelperScript }));
    }

    public Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = ConfigDir, ["CLAWKER_KEYRING"] = "none" };
        foreach (var variable in Clawker.Keyring.ClaudeCodeCredentials.OverrideVariables)
        {
            environment[variable] = null;
        }

        environment["CLAUDE_CODE_API_KEY_HELPER_TTL_MS"] = null;

        return environment;
    }

    public void Dispose() => _dir.Dispose();
}
