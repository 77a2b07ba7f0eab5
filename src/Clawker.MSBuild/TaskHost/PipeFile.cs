using System.IO.Pipes;
using Microsoft.Win32.SafeHandles;

namespace Clawker.MSBuild.TaskHost;

/// <summary>
/// One of a child process's redirected pipes as a plain, unbuffered <see cref="FileStream"/>. On Unix a
/// <see cref="PipeStream"/> reads and writes through a <c>Socket</c>, even synchronously, and loading
/// System.Net.Sockets for it cost a fresh MSBuild more than the native host's whole run (benchmarks/README.md).
/// The pipe's descriptor is held (a reference on its handle) until this is disposed, so disposing the
/// <c>Process</c> first never closes it under a read or write here, nor lets its number be reused.
/// </summary>
internal sealed class PipeFile : IDisposable
{
    private readonly SafePipeHandle? _pipe;
    private readonly bool _held;

    public PipeFile(Stream pipe, FileAccess access)
    {
        if (pipe is not PipeStream { SafePipeHandle: var handle })
        {
            Stream = pipe; // not a pipe of this runtime's making: use it as it is
            return;
        }

        _pipe = handle;
        _pipe.DangerousAddRef(ref _held);
        Stream = new FileStream(new SafeFileHandle(_pipe.DangerousGetHandle(), ownsHandle: false), access, bufferSize: 0, isAsync: false);
    }

    /// <summary>The stream to read or write.</summary>
    public Stream Stream { get; }

    /// <summary>Lets the descriptor go: it closes here once the process's own stream is closed too.</summary>
    public void Dispose()
    {
        if (_pipe is null)
        {
            return;
        }

        Stream.Dispose();
        if (_held)
        {
            _pipe.DangerousRelease();
        }
    }
}
