using System.IO.Pipes;
using Clawker.MSBuild.TaskHost;

namespace Clawker.MSBuild.Tests.TaskHost;

public class PipeFileTests
{
    [Fact]
    public void It_reads_a_pipe_as_a_plain_file_and_holds_it_open_after_the_pipe_stream_is_disposed()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var file = new PipeFile(client, FileAccess.Read);
        file.Stream.ShouldBeOfType<FileStream>();

        client.Dispose(); // what disposing the Process does first
        server.Write("after"u8);
        server.Flush();
        var buffer = new byte[16];
        file.Stream.Read(buffer).ShouldBe(5);

        // Let go: the descriptor closes, and the writer sees the end of the pipe (no reader is left).
        file.Dispose();
        server.DisposeLocalCopyOfClientHandle();
        Should.Throw<IOException>(() =>
        {
            server.Write("gone"u8);
            server.Flush();
        });
    }

    [Fact]
    public void A_stream_that_is_not_a_pipe_is_used_as_it_is()
    {
        using var memory = new MemoryStream();
        using var file = new PipeFile(memory, FileAccess.Read);
        file.Stream.ShouldBeSameAs(memory);
    }
}
