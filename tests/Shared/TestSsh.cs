using System.Globalization;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// The private sshd that build/services/sshd.sh starts (CLAWKER_TEST_SSH_*): its addresses, the
/// folder of its <c>ssh</c> wrapper (which adds <c>-F</c> its client config; the real ~/.ssh is
/// never used), wrappers with other client configs for the failure tests, and a count of the
/// ssh processes talking to it.
/// </summary>
internal static class TestSsh
{
    /// <summary><c>ssh://USER@127.0.0.1:PORT</c>, whose remote docker reaches the private engine.</summary>
    public static string? Host => Variable("CLAWKER_TEST_SSH_HOST");

    /// <summary>The same server on another port, where the remote PATH has no docker.</summary>
    public static string NoDockerHost => Variable("CLAWKER_TEST_SSH_NODOCKER_HOST")!;

    /// <summary>The private engine's socket, for addresses with a path.</summary>
    public static string EngineSocket => Variable("CLAWKER_TEST_SSH_ENGINE_SOCKET")!;

    /// <summary>The folder holding the <c>ssh</c> wrapper: first on PATH, it is what clawker and the docker CLI run.</summary>
    public static string BinDir => Variable("CLAWKER_TEST_SSH_BIN")!;

    /// <summary>The client config the wrapper uses.</summary>
    public static string Config => Variable("CLAWKER_TEST_SSH_CONFIG")!;

    /// <summary>The service's folder (keys, known_hosts).</summary>
    public static string Dir => Variable("CLAWKER_TEST_SSH_DIR")!;

    /// <summary>The login user of <see cref="Host"/> (root when the run is root's).</summary>
    public static string User => new Uri(Host!).UserInfo;

    /// <summary>The port of <see cref="Host"/>.</summary>
    public static int Port => new Uri(Host!).Port;

    /// <summary>Skips (or fails in CI) unless the sshd service runs.</summary>
    public static string Require()
    {
        Integration.Require(Host is not null && Directory.Exists(BinDir),
            "No private sshd: start one with eval \"$(build/services/sshd.sh start)\" after dockerd.sh (sets CLAWKER_TEST_SSH_HOST).");
        return Host!;
    }

    /// <summary>PATH with <paramref name="binDir"/> (the service's wrapper by default) first.</summary>
    public static string PathWith(string? binDir = null) =>
        (binDir ?? BinDir) + System.IO.Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");

    /// <summary>The process environment, but with <see cref="PathWith"/> as PATH.</summary>
    public static ClawkerEnvironment EnvironmentWith(string? binDir = null)
    {
        var path = PathWith(binDir);
        return new ClawkerEnvironment(
            name => name == "PATH" ? path : System.Environment.GetEnvironmentVariable(name),
            () => System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
            () => "test");
    }

    /// <summary>
    /// An <c>ssh</c> wrapper of the test's own, in a temporary folder it removes when disposed,
    /// whose client config is the service's with <paramref name="edit"/> applied (given the folder:
    /// another key, an empty known_hosts). Its config path is in the command line of every ssh it
    /// runs, so the test counts its own processes.
    /// </summary>
    public static SshWrapper NewWrapper(Func<TempDirectory, string, string>? edit = null)
    {
        var temp = new TempDirectory("clawker-ssh-");
        var bin = temp.Combine("ssh-bin");
        Directory.CreateDirectory(bin);
        var config = temp.Combine("ssh_config");
        var text = File.ReadAllText(Config);
        File.WriteAllText(config, edit is null ? text : edit(temp, text));
        var wrapper = System.IO.Path.Combine(bin, "ssh");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec /usr/bin/ssh -F '{config}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new SshWrapper(temp, bin, config);
    }

    /// <summary>A config line <c>OPTION VALUE</c> of <paramref name="config"/> set to <paramref name="value"/>.</summary>
    public static string WithOption(string config, string option, string value) =>
        string.Join('\n', config.Split('\n').Select(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal) ? $"  {option} {value}" : l));

    /// <summary>Waits up to <paramref name="within"/> for <paramref name="live"/> to find none; returns those left.</summary>
    public static async Task<IReadOnlyList<int>> LeftAsync(Func<IReadOnlyList<int>> live, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var left = live();
            if (left.Count == 0 || DateTime.UtcNow > until)
            {
                return left;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The live (not zombie) ssh processes whose command line holds <paramref name="argument"/>, from /proc.</summary>
    public static IReadOnlyList<int> ProcessesWith(string argument) =>
        ProcessesWhere(args => System.IO.Path.GetFileName(args[0]) == "ssh" && args.Contains(argument));

    /// <summary>The live (not zombie) processes whose command line (split at its NULs) <paramref name="matches"/>, from /proc.</summary>
    public static IReadOnlyList<int> ProcessesWhere(Func<string[], bool> matches)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(System.IO.Path.Combine(dir, "cmdline")).Split('\0');
                var stat = File.ReadAllText(System.IO.Path.Combine(dir, "stat"));
                var state = stat.LastIndexOf(')') + 2;
                var zombie = state < stat.Length && stat[state] == 'Z';
                if (!zombie && matches(args))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    private static string? Variable(string name) => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}

/// <summary>A test's own ssh wrapper: put <see cref="Bin"/> first on PATH.</summary>
internal sealed class SshWrapper(TempDirectory folder, string bin, string config) : IDisposable
{
    /// <summary>The folder holding the wrapper.</summary>
    public string Bin => bin;

    /// <summary>Its client config.</summary>
    public string Config => config;

    /// <summary>Its temporary folder, for files the test makes (keys, known_hosts).</summary>
    public TempDirectory Folder => folder;

    /// <summary>What a child process (dotnet build, Cake) needs: this wrapper first on PATH, DOCKER_HOST unset.</summary>
    public Dictionary<string, string?> ChildEnvironment() => new()
    {
        ["PATH"] = TestSsh.PathWith(bin),
        ["DOCKER_HOST"] = null,
    };

    /// <summary>The ssh processes this wrapper started that are still alive.</summary>
    public IReadOnlyList<int> Processes() => TestSsh.ProcessesWith(config);

    /// <summary>Waits up to <paramref name="within"/> for none to be left; returns those left.</summary>
    public Task<IReadOnlyList<int>> LeftAsync(TimeSpan within) => TestSsh.LeftAsync(Processes, within);

    public void Dispose() => folder.Dispose();
}
