using System.ComponentModel;
using System.Diagnostics;

namespace Clawker.Docker.Ssh;

/// <summary>
/// One engine connection: one <c>ssh ... docker system dial-stdio</c> process, HTTP over its
/// stdin and stdout. Disposing it kills the process (and anything it started, such as a
/// ProxyCommand) and reaps it; if this process dies instead, the closed pipe ends ssh.
/// When ssh ends with a failure, reads and writes throw <see cref="SshTransportException"/>.
/// </summary>
internal sealed class SshConnection : Stream
{
    // Once stdout is closed ssh is exiting; this bounds the wait for its exit code.
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly Task _stderrPump;
    private readonly SshTarget _target;
    private readonly string _command;
    private readonly bool _ownGroup;
    private int _disposed;

    private SshConnection(Process process, SshTarget target, string command, bool ownGroup)
    {
        _process = process;
        _ownGroup = ownGroup;
        _target = target;
        _command = command;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput.BaseStream;
        _stderrPump = PumpStderrAsync(process.StandardError, Stderr);
    }

    /// <summary>What ssh has written to stderr so far.</summary>
    public SshStderr Stderr { get; } = new();

    /// <summary>The ssh process's id (tests count processes with it).</summary>
    public int ProcessId => _process.Id;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Starts ssh for <paramref name="target"/>.</summary>
    /// <param name="client">The ssh client to run.</param>
    /// <param name="target">The parsed address.</param>
    /// <param name="connectTimeout">Becomes ssh's <c>ConnectTimeout</c>.</param>
    /// <exception cref="SshTransportException">ssh cannot be started.</exception>
    public static SshConnection Start(SshClient client, SshTarget target, TimeSpan connectTimeout)
    {
        var arguments = target.Arguments(connectTimeout);
        var command = target.Describe(connectTimeout);
        if (!Path.IsPathRooted(client.Executable))
        {
            throw new SshTransportException(target, command, exitCode: null, new SshStderr(), new FileNotFoundException("No ssh program was found on PATH."));
        }

        var start = client.StartInfo(arguments);
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            process.Dispose();
            throw new SshTransportException(target, command, exitCode: null, new SshStderr(), e);
        }

        return new SshConnection(process, target, command, client.OwnProcessGroup);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _stdout.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (!IsDisposed)
        {
            throw await FailureAsync().ConfigureAwait(false) ?? new IOException("The ssh connection's output broke.");
        }

        // The end of ssh's output: a clean end, or ssh failed (refused, no docker, no engine).
        if (read == 0 && buffer.Length > 0 && !IsDisposed && await FailureAsync().ConfigureAwait(false) is { } failure)
        {
            throw failure;
        }

        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await _stdin.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (!IsDisposed)
        {
            // ssh exited before reading what we sent (a broken pipe): its exit says why.
            throw await FailureAsync().ConfigureAwait(false) ?? new IOException("ssh closed its input.");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => _stdin.FlushAsync(cancellationToken);

    public override void Flush() => _stdin.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Tests: closes the pipes as the OS does when this process dies, without killing ssh.</summary>
    internal void AbandonPipes()
    {
        _stdin.Dispose();
        _stdout.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Kill();
            _stdin.Dispose();
            _stdout.Dispose();
            _process.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    private void Kill()
    {
        try
        {
            // The group when ssh leads one (the common case, one system call); otherwise, or when
            // setsid has not made it yet, the tree.
            if (!_process.HasExited && !(_ownGroup && ProcessGroup.TryKill(_process.Id)))
            {
                _process.Kill(entireProcessTree: true);
            }

            // Reap it, so no zombie outlives the connection.
            _process.WaitForExit(ExitWait);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or SystemException)
        {
            // Already gone (or never started): nothing left to end.
        }
    }

    // The failure ssh's exit describes, or null when it ended cleanly (exit 0) or outlived the wait.
    private async Task<SshTransportException?> FailureAsync()
    {
        using var wait = new CancellationTokenSource(ExitWait);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            await _stderrPump.WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        return _process.ExitCode == 0 ? null : new SshTransportException(_target, _command, _process.ExitCode, Stderr);
    }

    private static async Task PumpStderrAsync(StreamReader stderr, SshStderr sink)
    {
        var buffer = new char[1024];
        try
        {
            int read;
            while ((read = await stderr.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                sink.Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process was killed: what was read so far is kept.
        }
    }
}
