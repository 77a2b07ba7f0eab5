using System.Net;
using System.Net.Sockets;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// A byte relay from 127.0.0.1:&lt;free port&gt; to a unix socket: the plain private dockerd (on a
/// unix socket only) reached over tcp://, to speak TLS to a plain engine for real.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpRelay(string socketPath)
    {
        _listener.Start();
        _accepting = AcceptAsync(socketPath);
    }

    public string Host => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(string socketPath)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => PumpAsync(client, socketPath));
        }
    }

    private async Task PumpAsync(TcpClient client, string socketPath)
    {
        using (client)
        using (var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                await engine.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), _stop.Token);
                await using var engineStream = new NetworkStream(engine, ownsSocket: false);
                var clientStream = client.GetStream();
                var up = clientStream.CopyToAsync(engineStream, _stop.Token);
                var down = engineStream.CopyToAsync(clientStream, _stop.Token);
                await Task.WhenAny(up, down);
                // The other direction ends when the sockets close below; observe it, or its failure
                // is an unobserved task exception that tests counting them would see.
                _ = up.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                _ = down.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                // The client or the engine hung up: the relay's job for this connection is done.
            }
        }
    }
}
