using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Clawker.Tests.Docker.Tls;

/// <summary>
/// A TLS engine on 127.0.0.1 in this process with a certificate made at test time (and the
/// intermediates it sends): every request is answered with a healthy /version, so a connect that
/// the certificate check lets through succeeds (its ping, which names no engine, is answered so
/// too: these connects take the /version path). No client certificate demanded.
/// </summary>
internal sealed class TlsTestEngine : IAsyncDisposable
{
    private static readonly byte[] Version = Answer(
        """{"Version":"27.0.0","ApiVersion":"1.45","MinAPIVersion":"1.24","Os":"linux","Arch":"amd64"}""");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly SslStreamCertificateContext _context;
    private readonly Task _accepting;
    private int _handshakes;

    public TlsTestEngine(X509Certificate2 certificate, params X509Certificate2[] sent)
    {
        _context = SslStreamCertificateContext.Create(certificate, new X509Certificate2Collection(sent), offline: true);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Host => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Handshakes that completed (the client accepted the certificate).</summary>
    public int Handshakes => Volatile.Read(ref _handshakes);

    public ValueTask DisposeAsync() => Infrastructure.AcceptLoop.StopAsync(_stop, _listener.Stop, _accepting);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _context }, _stop.Token);
            Interlocked.Increment(ref _handshakes);
            var buffer = new byte[8192];
            var seen = new StringBuilder();
            while (true)
            {
                var read = await ssl.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                int end;
                while ((end = seen.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                {
                    seen.Remove(0, end + 4);
                    await ssl.WriteAsync(Version, _stop.Token);
                }
            }
        }
#pragma warning disable CA1031 // A refused handshake or a closed connection ends this connection only.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static byte[] Answer(string json) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nApi-Version: 1.45\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\n\r\n{json}");
}
