using Clawker.Keyring;
using Clawker.Testing;

namespace Clawker.Tests.Keyring;

/// <summary>
/// A managed-settings folder, a project and a home of the test's own, for the apiKeyHelper
/// tests: settings files and helper scripts are written here, and the options point at them.
/// </summary>
internal sealed class HelperSandbox : IDisposable
{
    /// <summary>A value a helper prints; it must appear nowhere.</summary>
    public const string Secret = "sk-ant-api03-KNOWN-HELPER-SECRET-5e0c1a";

    private readonly TempDirectory? _root;
    private readonly string _path;

    public HelperSandbox()
        : this(null)
    {
    }

    private HelperSandbox(string? existing)
    {
        // A sandbox another process made (the as-nobody re-run of a test) is used, not owned.
        _root = existing is null ? new TempDirectory("clawker-helper-") : null;
        _path = existing ?? _root!.Path;
        foreach (var dir in new[] { Managed, Project, Home, Bin })
        {
            Directory.CreateDirectory(dir);
        }
    }

    public string Managed => Path.Combine(_path, "managed");

    public string Project => Path.Combine(_path, "project");

    public string Home => Path.Combine(_path, "home");

    public string Bin => Path.Combine(_path, "bin");

    public string Root => _path;

    public string ManagedFile => Path.Combine(Managed, "managed-settings.json");

    public string DropIn(string name) => Path.Combine(Managed, "managed-settings.d", name);

    public string LocalFile => Path.Combine(Project, ".claude", "settings.local.json");

    public string ProjectFile => Path.Combine(Project, ".claude", "settings.json");

    public string UserFile => Path.Combine(Home, ".claude", "settings.json");

    /// <summary>Writes a settings file whose <c>apiKeyHelper</c> is <paramref name="command"/> (JSON-escaped), among other settings.</summary>
    public static string SetHelper(string file, string command) =>
        Write(file, $$"""{ "model": "opus", "apiKeyHelper": {{System.Text.Json.JsonSerializer.Serialize(command)}}, "env": {} }""");

    public static string Write(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>A <c>/bin/sh</c> script in <see cref="Bin"/> (on the sandbox's PATH), executable unless told otherwise.</summary>
    public string Script(string name, string body, bool executable = true)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, executable
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    public CredentialCheckOptions Options(IKeyring? keyring = null, bool run = false, TimeSpan? timeout = null, bool withProject = true,
        params (string Name, string Value)[] variables)
    {
        var values = new Dictionary<string, string> { ["PATH"] = $"{Bin}:/usr/bin:/bin" };
        foreach (var (name, value) in variables)
        {
            values[name] = value;
        }

        return new CredentialCheckOptions
        {
            Keyring = keyring ?? new FailingKeyring(where => new CredentialException(CredentialErrorKind.Unavailable, where, "must not be read")),
            Environment = ClawkerEnvironment.FromValues(values, Home, ClaudeCodeFixtures.User),
            TimeProvider = new ClaudeCodeFixtures.FixedTime(ClaudeCodeFixtures.Now),
            ProjectDirectory = withProject ? Project : null,
            ManagedSettingsDirectory = Managed,
            RunApiKeyHelper = run,
            KeyringTimeout = timeout ?? TimeSpan.FromSeconds(20),
        };
    }

    /// <summary>The sandbox at <paramref name="root"/>, made by another process; not removed on dispose.</summary>
    public static HelperSandbox At(string root) => new(root);

    public void Dispose() => _root?.Dispose();
}

/// <summary>A test class with a <see cref="HelperSandbox"/> of its own.</summary>
public abstract class HelperSandboxTests : IDisposable
{
    private protected HelperSandbox Box { get; } = new();

    private protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Box.Dispose();
        GC.SuppressFinalize(this);
    }
}
