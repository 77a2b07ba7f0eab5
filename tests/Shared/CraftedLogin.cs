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

    public Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?> { ["CLAUDE_CONFIG_DIR"] = ConfigDir, ["CLAWKER_KEYRING"] = "none" };
        foreach (var variable in Clawker.Keyring.ClaudeCodeCredentials.OverrideVariables)
        {
            environment[variable] = null;
        }

        return environment;
    }

    public void Dispose() => _dir.Dispose();
}
