using System.Security.Cryptography.X509Certificates;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.NativeHttp;

namespace Clawker.Docker;

/// <summary>
/// The first connect of a process to a remote engine waits hundreds of milliseconds on the wire
/// (ssh's handshake, the TLS handshake), then compiles the code that reads the answers (HTTP/1.1
/// parsing, the ping's headers, Docker.DotNet's JSON of a volume) only once they arrive. This runs
/// that code once beforehand, on a thread-pool thread during the wait, against canned answers in
/// memory: a client of its own whose one connection never leaves the process. Docker.DotNet's
/// serializer is shared by its clients, so the real answers then find it compiled. Once per
/// process; a failure here only means no head start.
/// </summary>
internal static class EngineWarmUp
{
    // In memory it takes milliseconds once compiled; the bound only keeps a bug from lingering.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly Uri Address = new("http://warm-up.invalid");

    private static int _started;

    private static int _storeStarted;

    /// <summary>The warm-up of this process, once started (tests wait on it).</summary>
    internal static Task? Running { get; private set; }

    /// <summary>
    /// Starts the warm-up for a TLS engine with a client certificate: the above, and the system's
    /// CA store loaded. .NET builds the client certificate's chain against it in the handshake (a
    /// few hundred certificates read and parsed on first use, then cached for the process); loaded
    /// here, in parallel with reading the certificates, the handshake finds it cached.
    /// </summary>
    public static void StartWithSystemStore()
    {
        Start();
        if (Interlocked.Exchange(ref _storeStarted, 1) == 0)
        {
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(LoadSystemStore);
            }
        }
    }

    /// <summary>Starts the warm-up unless this process already has.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            // Nothing of the caller's flow (EngineCall's request record, a test's AsyncLocals) goes along.
            using (ExecutionContext.SuppressFlow())
            {
                Running = Task.Run(RunAsync);
            }
        }
    }

    // Never throws: nothing here may surface as an unobserved task exception.
    private static Task RunAsync() => WarmAsync();

    /// <summary>Runs the canned requests once; whether both were answered and read (tests check it, so the warm-up cannot silently do nothing).</summary>
    internal static async Task<bool> WarmAsync()
    {
        try
        {
            using var bound = new CancellationTokenSource(Bound);
            var transport = new NativeHttpTransportOptions
            {
                ConfigureHandler = handler => handler.ConnectCallback = (_, _) => ValueTask.FromResult<Stream>(new CannedEngine(Answers)),
            };
            using var client = EngineTransport.Client(Address, Bound, tls: false, wrap: null, transport);
            var call = EngineCall.Begin();
            await client.System.PingAsync(bound.Token).ConfigureAwait(false);
            var volume = await client.Volumes.InspectAsync("clawker-warm-up", bound.Token).ConfigureAwait(false);
            return call.Ping?.Identifies == true && volume?.Labels?.ContainsKey("com.clawker.managed") == true;
        }
#pragma warning disable CA1031 // A warm-up that fails costs the head start only; the real requests report for themselves.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private static void LoadSystemStore()
    {
        try
        {
            using var root = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            root.Open(OpenFlags.ReadOnly);
            foreach (var certificate in root.Certificates)
            {
                certificate.Dispose();
            }
        }
#pragma warning disable CA1031 // As above: the handshake loads it itself then.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // What an engine answers to GET /_ping and GET /volumes/NAME, in the shape dockerd sends.
    private static IEnumerable<byte[]> Answers =>
    [
        Answer("text/plain; charset=utf-8", "OK"),
        Answer("application/json", """{"CreatedAt":"2026-01-01T00:00:00Z","Driver":"local","Labels":{"com.clawker.managed":"true","com.clawker.purpose":"warm-up"},"Mountpoint":"/var/lib/docker/volumes/clawker-warm-up/_data","Name":"clawker-warm-up","Options":null,"Scope":"local"}"""),
    ];

    private static byte[] Answer(string type, string body) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nOstype: linux\r\nServer: Docker/20.10.24 (linux)\r\nContent-Type: {type}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    /// <summary>A connection that answers each request (a GET: its headers end it) with the next canned answer.</summary>
    private sealed class CannedEngine(IEnumerable<byte[]> answers) : Stream
    {
        private static readonly byte[] HeadersEnd = "\r\n\r\n"u8.ToArray();

        private readonly Queue<byte[]> _answers = new(answers);
        private readonly SemaphoreSlim _requests = new(0);
        private ReadOnlyMemory<byte> _pending;
        private int _matched;
        private volatile bool _closed;

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_pending.IsEmpty)
            {
                await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (_closed || !_answers.TryDequeue(out var next))
                {
                    return 0;
                }

                _pending = next;
            }

            var count = Math.Min(buffer.Length, _pending.Length);
            _pending[..count].CopyTo(buffer);
            _pending = _pending[count..];
            return count;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            foreach (var b in buffer.Span)
            {
                _matched = b == HeadersEnd[_matched] ? _matched + 1 : b == HeadersEnd[0] ? 1 : 0;
                if (_matched == HeadersEnd.Length)
                {
                    _matched = 0;
                    _requests.Release();
                }
            }

            return ValueTask.CompletedTask;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // A read still waiting ends (0: the end), rather than on a disposed semaphore.
                _closed = true;
                _requests.Release();
            }

            base.Dispose(disposing);
        }
    }
}
