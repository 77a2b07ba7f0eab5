namespace Clawker.Docker;

/// <summary>
/// An engine's answer body, read with bounds: a JSON answer may not exceed a total size; a message
/// stream (a build's newline-separated JSON) may not hold a message larger than a limit, may not
/// end inside a message, and may not stall inside one (engines write each message in one go).
/// </summary>
internal sealed class BoundedAnswerStream : Stream
{
    private readonly Stream _inner;
    private readonly HttpContent _owner;
    private readonly string _request;
    private readonly long _limit;
    private readonly bool _messages;
    private readonly TimeSpan _stall;
    private readonly long? _expected;
    private long _count;
    private long _messageStarted = -1;

    private BoundedAnswerStream(Stream inner, HttpContent owner, string request, long limit, bool messages, TimeSpan stall, long? expected = null)
    {
        _expected = expected;
        _inner = inner;
        _owner = owner;
        _request = request;
        _limit = limit;
        _messages = messages;
        _stall = stall;
    }

    /// <summary>A JSON answer of at most <paramref name="maxBytes"/>, and of exactly <paramref name="expected"/> bytes when the engine announced a length.</summary>
    public static BoundedAnswerStream Answer(Stream inner, HttpContent owner, string request, long maxBytes, long? expected) =>
        new(inner, owner, request, maxBytes, messages: false, Timeout.InfiniteTimeSpan, expected);

    /// <summary>A message stream: each message at most <paramref name="maxMessageBytes"/>, written within <paramref name="stall"/>.</summary>
    public static BoundedAnswerStream Messages(Stream inner, HttpContent owner, string request, long maxMessageBytes, TimeSpan stall) =>
        new(inner, owner, request, maxMessageBytes, messages: true, stall);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_messages && _messageStarted >= 0 && _stall != Timeout.InfiniteTimeSpan)
        {
            // Inside a message: the rest must come soon. Between messages the engine may be
            // silent as long as a build step is (a quiet RUN).
            var left = _stall - TimeSpan.FromMilliseconds(Environment.TickCount64 - _messageStarted);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            try
            {
                read = await _inner.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new EngineAnswerException(_request, $"the engine stopped for more than {_stall.TotalSeconds:0.###} s in the middle of a message", stalled: true);
            }
        }
        else
        {
            read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        Account(buffer.Span[..read], read == 0);
        return read;
    }

    private void Account(ReadOnlySpan<byte> chunk, bool ended)
    {
        if (!_messages)
        {
            if (ended && _expected is { } expected && _count < expected)
            {
                throw new EngineAnswerException(_request, "the connection closed before the answer was complete");
            }

            _count += chunk.Length;
            if (_count > _limit)
            {
                throw new EngineAnswerException(_request, $"an answer larger than {Describe(_limit)} (clawker reads no more than that)");
            }

            return;
        }

        if (ended)
        {
            if (_count > 0 && _messageStarted >= 0)
            {
                throw new EngineAnswerException(_request, "the connection closed in the middle of a message");
            }

            return;
        }

        var newline = chunk.LastIndexOf((byte)'\n');
        var tail = newline < 0 ? _count + chunk.Length : chunk.Length - newline - 1;
        if (newline < 0)
        {
            // No message ended in this chunk: the whole run since the last newline counts.
            _count = tail;
        }
        else
        {
            // A message (or more) ended here; the bound applies to each, so check the longest one before the last newline too.
            var first = chunk.IndexOf((byte)'\n');
            if (_count + first > _limit)
            {
                throw TooLong();
            }

            _count = tail;
            _messageStarted = -1;
        }

        if (_count > _limit)
        {
            throw TooLong();
        }

        if (_count > 0 && _messageStarted < 0)
        {
            _messageStarted = Environment.TickCount64;
        }
    }

    private EngineAnswerException TooLong() =>
        new(_request, $"a message larger than {Describe(_limit)} without an end of line (clawker reads no more than that)");

    private static string Describe(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _owner.Dispose();
        }

        base.Dispose(disposing);
    }
}
