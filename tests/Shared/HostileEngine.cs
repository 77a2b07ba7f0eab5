using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Clawker.Tests.Infrastructure;

/// <summary>How <see cref="HostileEngine"/> answers its target request.</summary>
public enum Hostility
{
    /// <summary>200 with a body that is not JSON.</summary>
    InvalidJson,

    /// <summary>200 with JSON of the right shape but the wrong types.</summary>
    WrongTypes,

    /// <summary>200 with the JSON literal <c>null</c>.</summary>
    Null,

    /// <summary>500 announcing a 100 MB body, sent as fast as the client reads it.</summary>
    HugeError,

    /// <summary>200, then the body one byte every 100 ms, never finished.</summary>
    Trickle,

    /// <summary>Reads the request and never answers.</summary>
    NeverAnswer,

    /// <summary>200 and the start of a body, then the connection closes.</summary>
    CloseMidStream,
}

/// <summary>
/// A fake Docker engine on a unix socket that answers one target request (<c>"GET /_ping"</c>,
/// a path prefix) with a <see cref="Hostility"/>, and every other request as a healthy engine
/// would, so a surface reaches its target: API 1.43 (named by the ping, unless the target is
/// <c>/version</c>, which the connect then asks), volumes missing then created with the
/// labels asked for, images missing (or present without <c>latest</c>, to reach the tag call),
/// builds that succeed; with image labels, every image is present with those labels (Clawker's own
/// images, to reach the requests after them). One connection per request (<c>Connection: close</c>).
/// </summary>
internal sealed class HostileEngine : IAsyncDisposable
{
    public const long HugeBodyBytes = 100L * 1024 * 1024;

    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private readonly List<string> _targets = [];
    private readonly Task _accepting;
    private readonly Func<HostileEngine, Stream, Task>? _script;
    private readonly IReadOnlyDictionary<string, string>? _imageLabels;
    private long _bytesSent;

    /// <summary>A fake whose target request gets <paramref name="script"/>'s answer: raw bytes, sent with <see cref="SendAsync"/>.</summary>
    public HostileEngine(string socketPath, string target, Func<HostileEngine, Stream, Task> script, bool imageExists = false, IReadOnlyDictionary<string, string>? imageLabels = null)
        : this(socketPath, target, Hostility.InvalidJson, imageExists, imageLabels) =>
        _script = script;

    public HostileEngine(string socketPath, string target, Hostility hostility, bool imageExists = false, IReadOnlyDictionary<string, string>? imageLabels = null)
    {
        SocketPath = socketPath;
        Target = target;
        Hostility = hostility;
        ImageExists = imageExists || imageLabels is not null;
        _imageLabels = imageLabels;
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(64);
        _accepting = AcceptAsync();
    }

    public string SocketPath { get; }

    public string Host => "unix://" + SocketPath;

    public string Target { get; }

    public Hostility Hostility { get; }

    public bool ImageExists { get; }

    /// <summary>Body bytes the fake managed to send for its target (a client that stops reading caps it).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>The requests received, as <c>METHOD /path</c>.</summary>
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

    /// <summary>The requests received, as <c>METHOD /path?query</c>.</summary>
    public IReadOnlyList<string> RequestTargets
    {
        get
        {
            lock (_requests)
            {
                return [.. _targets];
            }
        }
    }

    /// <summary>Stops when the fake is disposed.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>For a script: sends <paramref name="text"/> (ASCII), counted in <see cref="BytesSent"/>.</summary>
    public Task SendAsync(Stream stream, string text) => SendCountedAsync(stream, Encoding.ASCII.GetBytes(text));

    /// <summary>Whether the target request was made (else the case tested nothing).</summary>
    public bool TargetHit => Requests.Any(IsTarget);

    public ValueTask DisposeAsync() => AcceptLoop.StopAsync(_stop, _listener.Dispose, _accepting);

    private bool IsTarget(string request) => request.StartsWith(Target, StringComparison.Ordinal);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        await using (var stream = new NetworkStream(client, ownsSocket: false))
        {
            try
            {
                var (request, target, body) = await ReadRequestAsync(stream);
                if (request is null)
                {
                    return; // the engine's bare connect probe
                }

                lock (_requests)
                {
                    _requests.Add(request);
                    _targets.Add(target);
                }

                if (IsTarget(request) && _script is not null)
                {
                    await _script(this, stream);
                }
                else if (IsTarget(request))
                {
                    await HostileAsync(stream, request);
                }
                else
                {
                    await HealthyAsync(stream, request, body);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client gave up (that is what the bounds are for).
            }
        }
    }

    private async Task HealthyAsync(Stream stream, string request, string body)
    {
        var path = request[(request.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        switch (request)
        {
            case var _ when path.EndsWith("/_ping", StringComparison.Ordinal):
                // As dockerd names itself; with /version the target, as an engine that does not (so the connect asks /version).
                await HeadAsync(stream, 200, "text/plain; charset=utf-8", 2, Target.StartsWith("GET /version", StringComparison.Ordinal) ? null : "Server: Docker/24.0.7 (linux)");
                await stream.WriteAsync("OK"u8.ToArray(), _stop.Token);
                break;
            case var _ when path.EndsWith("/version", StringComparison.Ordinal):
                await JsonAsync(stream, 200, """{"Version":"24.0.7","ApiVersion":"1.43","MinAPIVersion":"1.12","Os":"linux"}""");
                break;
            case var _ when request.StartsWith("GET /volumes/", StringComparison.Ordinal):
                await JsonAsync(stream, 404, """{"message":"get clawker: no such volume"}""");
                break;
            case var _ when request.StartsWith("POST /volumes/create", StringComparison.Ordinal):
                // Echo the name and labels asked for, as Docker does for a new volume.
                using (var asked = JsonDocument.Parse(body))
                {
                    var name = asked.RootElement.GetProperty("Name").GetString();
                    var labels = asked.RootElement.GetProperty("Labels").GetRawText();
                    await JsonAsync(stream, 201, $$"""{"Name":"{{name}}","Driver":"local","Labels":{{labels}},"Mountpoint":"/x","Scope":"local"}""");
                }

                break;
            case var _ when request.StartsWith("GET /images/", StringComparison.Ordinal):
                await (ImageExists
                    ? JsonAsync(stream, 200, ImageAnswer())
                    : JsonAsync(stream, 404, """{"message":"No such image"}"""));
                break;
            case var _ when request.StartsWith("POST /images/", StringComparison.Ordinal):
                await HeadAsync(stream, 201, "text/plain", 0);
                break;
            case var _ when request.StartsWith("POST /build", StringComparison.Ordinal):
                await JsonAsync(stream, 200,
                    "{\"stream\":\"Step 1/1 : FROM scratch\\n\"}\r\n{\"aux\":{\"ID\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}}\r\n{\"stream\":\"Successfully built 0123456789ab\\n\"}\r\n");
                break;
            default:
                await JsonAsync(stream, 404, """{"message":"page not found"}""");
                break;
        }
    }

    private string ImageAnswer()
    {
        const string Id = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        return _imageLabels is null
            ? $$"""{"Id":"{{Id}}","RepoTags":[]}"""
            : $$$"""{"Id":"{{{Id}}}","RepoTags":[],"Config":{"Labels":{{{JsonSerializer.Serialize(_imageLabels)}}}}}""";
    }

    private async Task HostileAsync(Stream stream, string request)
    {
        var build = request.StartsWith("POST /build", StringComparison.Ordinal);
        switch (Hostility)
        {
            case Hostility.InvalidJson:
                await JsonAsync(stream, 200, build ? "{\"stream\": oops}\r\n" : "{\"Version\": oops, <html>");
                break;
            case Hostility.WrongTypes:
                await JsonAsync(stream, 200, build
                    ? "{\"stream\":5,\"aux\":\"x\",\"errorDetail\":[1]}\r\n"
                    : """{"Version":42,"ApiVersion":{"a":1},"Name":42,"Labels":"x","Id":7,"RepoTags":"no"}""");
                break;
            case Hostility.Null:
                await JsonAsync(stream, 200, build ? "null\r\n" : "null");
                break;
            case Hostility.HugeError:
                await HeadAsync(stream, 500, "application/json", HugeBodyBytes);
                await SendCountedAsync(stream, Encoding.ASCII.GetBytes("{\"message\":\""));
                var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
                for (long sent = 0; sent < HugeBodyBytes; sent += chunk.Length)
                {
                    await SendCountedAsync(stream, chunk);
                }

                break;
            case Hostility.Trickle:
                await HeadAsync(stream, 200, "application/json", build ? null : 1024 * 1024);
                await SendCountedAsync(stream, Encoding.ASCII.GetBytes(build ? "{\"stream\":\"" : "{\"Version\":\""));
                while (true)
                {
                    await Task.Delay(100, _stop.Token);
                    await SendCountedAsync(stream, "x"u8.ToArray());
                }

            case Hostility.NeverAnswer:
                await Task.Delay(Timeout.Infinite, _stop.Token);
                break;
            case Hostility.CloseMidStream:
                await HeadAsync(stream, 200, "application/json", build ? null : 1000);
                await SendCountedAsync(stream, Encoding.ASCII.GetBytes(build ? "{\"stream\":\"Step 1/1 : FR" : "{\"Version\":\"24."));
                break;
        }
    }

    private async Task SendCountedAsync(Stream stream, byte[] bytes)
    {
        await stream.WriteAsync(bytes, _stop.Token);
        Interlocked.Add(ref _bytesSent, bytes.Length);
    }

    private async Task JsonAsync(Stream stream, int status, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        await HeadAsync(stream, status, "application/json", body.Length);
        await stream.WriteAsync(body, _stop.Token);
    }

    // Without a length the body runs until the connection closes (HTTP/1.1 allows it for a response).
    private async Task HeadAsync(Stream stream, int status, string contentType, long? length, string? header = null)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {(status < 400 ? "OK" : "Error")}\r\nContent-Type: {contentType}\r\nApi-Version: 1.43\r\nConnection: close\r\n");
        if (header is not null)
        {
            head.Append(header).Append("\r\n");
        }

        if (length is { } n)
        {
            head.Append("Content-Length: ").Append(n).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
    }

    /// <summary>The request line as <c>METHOD /path</c> (query dropped) and as sent, and a Content-Length body, or null for a connection closed at once.</summary>
    private async Task<(string? Request, string Target, string Body)> ReadRequestAsync(Stream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[4096];
        int end;
        while ((end = IndexOfHeadEnd(buffer)) < 0)
        {
            var n = await stream.ReadAsync(one, _stop.Token);
            if (n == 0)
            {
                return (null, string.Empty, string.Empty);
            }

            buffer.AddRange(one.AsSpan(0, n));
        }

        var head = Encoding.ASCII.GetString([.. buffer.Take(end)]);
        var line = head[..head.IndexOf("\r\n", StringComparison.Ordinal)].Split(' ');
        var path = line[1].Split('?')[0];
        var length = head.Split("\r\n")
            .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = buffer.Skip(end + 4).ToList();
        while (body.Count < length)
        {
            var n = await stream.ReadAsync(one, _stop.Token);
            if (n == 0)
            {
                break;
            }

            body.AddRange(one.AsSpan(0, n));
        }

        // A chunked body (the build context) is left unread: the answer does not depend on it.
        return ($"{line[0]} {path}", $"{line[0]} {line[1]}", Encoding.UTF8.GetString([.. body]));
    }

    private static int IndexOfHeadEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
