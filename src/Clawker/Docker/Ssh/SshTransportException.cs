namespace Clawker.Docker.Ssh;

/// <summary>
/// The ssh process behind a connection ended (or could not start) with a failure. It travels up
/// through the HTTP client as an <see cref="IOException"/>; <see cref="EngineErrors"/> turns it into
/// the coded exception <see cref="SshErrors"/> classifies. Its message is clawker's own, never stderr.
/// </summary>
internal sealed class SshTransportException(SshTarget target, string command, int? exitCode, SshStderr stderr, Exception? launchFailure = null)
    : IOException(exitCode is { } code ? $"ssh exited with code {code}" : "ssh could not be started", launchFailure)
{
    /// <summary>The address ssh was run for.</summary>
    public SshTarget Target => target;

    /// <summary>The ssh command line, for the message.</summary>
    public string Command => command;

    /// <summary>ssh's exit code; <see langword="null"/> when it could not be started (<see cref="Exception.InnerException"/> says why).</summary>
    public int? ExitCode => exitCode;

    /// <summary>What ssh and the remote command wrote to stderr.</summary>
    public SshStderr Stderr => stderr;
}
