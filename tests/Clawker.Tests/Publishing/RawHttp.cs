using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Clawker.Tests.Publishing;

/// <summary>
/// A hostile registry on loopback: answers every HEAD or GET with one fixed reply and records it;
/// anything else (a TLS hello) is closed. With <c>hold</c> it then keeps the connection open
/// without sending more (a body that stalls).
/// </summary>
internal sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, string> _answer;
    private readonly List<string> _requests = [];
    private readonly Task _loop;
    private readonly bool _hold;

    public RawHttp(IPAddress address, Func<string, string> answer, bool hold = false)
    {
        _answer = answer;
        _hold = hold;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public ValueTask DisposeAsync() => AcceptLoop.StopAsync(_stop, _listener.Stop, _loop);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            var buffer = new byte[16 * 1024];
            var length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), _stop.Token)) > 0)
            {
                length += read;
                if (length == buffer.Length || buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
                {
                    break;
                }
            }

            var request = Encoding.Latin1.GetString(buffer, 0, length);
            if (!request.StartsWith("HEAD ", StringComparison.Ordinal) && !request.StartsWith("GET ", StringComparison.Ordinal))
            {
                continue;
            }

            lock (_requests)
            {
                _requests.Add(request);
            }

            await stream.WriteAsync(Encoding.Latin1.GetBytes(_answer(request)), _stop.Token);
            if (_hold)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
        }
    }
}
