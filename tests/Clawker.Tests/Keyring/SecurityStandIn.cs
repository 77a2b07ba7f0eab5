namespace Clawker.Tests.Keyring;

/// <summary>
/// A private copy of the stand-in <c>security</c> script (StandIns/security) in a directory put
/// first on PATH of the environment given to the backend, with its own item store.
/// </summary>
internal sealed class SecurityStandIn : IDisposable
{
    public SecurityStandIn()
    {
        Directory.CreateDirectory(Store);
        var script = File.ReadAllText(Path.Combine(Infrastructure.RepoRoot.Path, "tests", "Clawker.Tests", "Keyring", "StandIns", "security"));
        File.WriteAllText(Executable, script.Replace("__STORE__", Store, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(ArgvLog, "");
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("clawker-security-").FullName;

    public string BinDir => Path.Combine(Root, "bin");

    public string Store => Path.Combine(Root, "store");

    public string Executable => Path.Combine(Directory.CreateDirectory(BinDir).FullName, "security");

    public string ArgvLog => Path.Combine(Store, "argv.log");

    /// <summary>An environment whose PATH starts with the stand-in's directory.</summary>
    public ClawkerEnvironment Environment => ClawkerEnvironment.FromValues(
        new Dictionary<string, string> { ["PATH"] = $"{BinDir}:{System.Environment.GetEnvironmentVariable("PATH")}" },
        Root,
        "alice");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
