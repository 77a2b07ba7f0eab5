using System.Diagnostics;
using Clawker.IO;

namespace Clawker.Docker.Ssh;

/// <summary>
/// The system <c>ssh</c> client, found on the environment's PATH as the docker CLI finds it, and
/// run the way the CLI runs it: in a session of its own (no controlling terminal, so it never
/// waits on a prompt; it fails with its reason instead), with the user's environment, so their
/// keys, agent, known_hosts and <c>~/.ssh/config</c> apply unchanged.
/// </summary>
internal sealed class SshClient
{
    // Passed on from the caller's environment (MSBuild and Cake may carry their own values).
    private static readonly string[] Passed = ["PATH", "HOME", "SSH_AUTH_SOCK"];

    private static readonly string[] SetsidPaths = ["/usr/bin/setsid", "/bin/setsid"];

    private readonly ClawkerEnvironment _environment;

    public SshClient(ClawkerEnvironment environment)
    {
        _environment = environment;
        Executable = ExecutableSearch.Find(environment, "ssh");
        // util-linux's setsid, as the CLI's Setsid: detached from the terminal, same process.
        Setsid = OperatingSystem.IsLinux() ? SetsidPaths.FirstOrDefault(File.Exists) : null;
    }

    /// <summary>The ssh program that will run: a path, or the bare name when none is on PATH.</summary>
    public string Executable { get; }

    /// <summary>True when ssh runs in a session, and so a process group, of its own (through setsid): its id is the group's.</summary>
    public bool OwnProcessGroup => Setsid is not null;

    private string? Setsid { get; }

    /// <summary>How to start ssh with <paramref name="arguments"/>, its three streams redirected.</summary>
    public ProcessStartInfo StartInfo(IReadOnlyList<string> arguments)
    {
        var start = ExecutableSearch.Redirected(Setsid ?? Executable, Setsid is null ? arguments : [Executable, .. arguments]);
        foreach (var name in Passed)
        {
            if (_environment.Variable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }
}
