namespace Clawker.Docker.Ssh;

/// <summary>
/// Turns a failed ssh process into one coded error carrying ssh's own reason (its stderr,
/// scrubbed and bounded) and what to do about it.
/// </summary>
internal static class SshErrors
{
    /// <summary>The coded exception for <paramref name="failure"/> at <paramref name="endpoint"/>.</summary>
    public static DockerEngineException Coded(SshTransportException failure, DockerEndpoint endpoint)
    {
        var target = failure.Target;
        var host = target.Port is { } port ? $"{target.Host} port {port}" : target.Host;
        var login = target.User is { } user ? $"{user}@{target.Host}" : target.Host;
        var portFlag = target.Port is { } p ? $"-p {p} " : string.Empty;
        var said = failure.Stderr.Shown() is { Length: > 0 } text ? $" ssh said: {text}" : " ssh wrote nothing to stderr.";
        var ran = $" (ran: {failure.Command})";
        var (kind, message) = failure.ExitCode is not { } exit
            ? (DockerEngineErrorKind.SshFailed,
                $"Cannot run the ssh client '{EngineText.Excerpt(failure.InnerException?.Message, 200)}' for the Docker engine at {endpoint}. " +
                "Install OpenSSH's client (apt-get install openssh-client; on Windows the OpenSSH Client feature) and put ssh on PATH.")
            : Classify(failure.Stderr.Raw, exit) switch
            {
                DockerEngineErrorKind.SshHostKeyRejected => (DockerEngineErrorKind.SshHostKeyRejected,
                    $"ssh refused the host key of {host} for the Docker engine at {endpoint}.{said}{ran} " +
                    $"Clawker runs ssh without a terminal, so it cannot ask you to accept a key: check the key with the host's owner, then connect once yourself (ssh {portFlag}{login}) " +
                    "and accept it, or add it to ~/.ssh/known_hosts. If the key changed, find out why before removing the old one (ssh-keygen -R)."),
                DockerEngineErrorKind.SshAuthenticationFailed => (DockerEngineErrorKind.SshAuthenticationFailed,
                    $"The ssh server {host} refused to log in {login} for the Docker engine at {endpoint}.{said}{ran} " +
                    "Load your key into ssh-agent (ssh-add), or name it with IdentityFile under a Host entry in ~/.ssh/config; check that the server's authorized_keys holds its public half and the user name is right."),
                DockerEngineErrorKind.SshConnectFailed => (DockerEngineErrorKind.SshConnectFailed,
                    $"ssh cannot reach {host} for the Docker engine at {endpoint}.{said}{ran} " +
                    "Check the host name and port, that sshd runs there, and that no firewall is in the way (try: ssh " + portFlag + login + " true)."),
                DockerEngineErrorKind.SshRemoteDockerMissing => (DockerEngineErrorKind.SshRemoteDockerMissing,
                    $"ssh logged in to {host}, but the remote has no docker command on the PATH of a non-interactive ssh session, for the Docker engine at {endpoint}.{said}{ran} " +
                    "Install Docker 18.09 or later there, or make docker reachable for non-interactive sessions (its folder on PATH through /etc/environment or sshd's SetEnv; ~/.bashrc is often skipped)."),
                DockerEngineErrorKind.SshRemoteEngineUnreachable => (DockerEngineErrorKind.SshRemoteEngineUnreachable,
                    $"ssh logged in to {host} and ran docker there, but that docker reaches no Docker engine, for the Docker engine at {endpoint}.{said}{ran} " +
                    "Start Docker on the remote host, check that the ssh user may use its socket (the docker group), or name the socket in the address: " +
                    $"ssh://{login}{(target.Port is { } q ? ":" + q : string.Empty)}/var/run/docker.sock."),
                _ => (DockerEngineErrorKind.SshFailed,
                    $"ssh ended with exit code {exit} for the Docker engine at {endpoint}.{said}{ran} " +
                    "Run the same command yourself to see what it needs; the remote docker must be 18.09 or later (docker system dial-stdio)."),
            };

        return DockerEngineException.Ssh(kind, endpoint, message, new IOException(failure.Message));
    }

    /// <summary>Which failure ssh's stderr and exit code describe (<see cref="DockerEngineErrorKind.SshFailed"/> when none fits).</summary>
    internal static DockerEngineErrorKind Classify(string stderr, int exitCode)
    {
        bool Has(string text) => stderr.Contains(text, StringComparison.OrdinalIgnoreCase);

        // ssh's own failures first (exit 255): they come before any remote command runs.
        if (Has("Host key verification failed") || Has("REMOTE HOST IDENTIFICATION HAS CHANGED") || Has("host key is known for"))
        {
            return DockerEngineErrorKind.SshHostKeyRejected;
        }

        if (stderr.Contains("Permission denied (", StringComparison.Ordinal) || Has("Too many authentication failures") || Has("no more authentication methods"))
        {
            return DockerEngineErrorKind.SshAuthenticationFailed;
        }

        if (Has("Connection refused") || Has("Connection timed out") || Has("Operation timed out") || Has("Could not resolve hostname")
            || Has("No route to host") || Has("Network is unreachable") || Has("Connection closed by") || Has("Connection reset by"))
        {
            return DockerEngineErrorKind.SshConnectFailed;
        }

        // The remote shell's: "docker: command not found" (bash), "docker: not found" (dash), exit 127.
        if (exitCode == 127 || Has("docker: command not found") || Has("docker: not found"))
        {
            return DockerEngineErrorKind.SshRemoteDockerMissing;
        }

        if (Has("Cannot connect to the Docker daemon") || Has("dial unix") || Has("failed to open the raw stream connection")
            || Has("permission denied while trying to connect") || Has("error during connect"))
        {
            return DockerEngineErrorKind.SshRemoteEngineUnreachable;
        }

        return DockerEngineErrorKind.SshFailed;
    }
}
