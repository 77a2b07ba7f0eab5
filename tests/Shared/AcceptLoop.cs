using System.Net.Sockets;

namespace Clawker.Tests.Infrastructure;

/// <summary>Stops a fake server's accept loop: cancel, close the listener, and wait for the loop to end.</summary>
internal static class AcceptLoop
{
    public static async ValueTask StopAsync(CancellationTokenSource stop, Action closeListener, Task loop)
    {
        await stop.CancelAsync();
        closeListener();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The loop ends by the listener closing under it.
        }

        stop.Dispose();
    }
}
