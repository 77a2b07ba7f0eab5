namespace Clawker.Docker;

/// <summary>
/// An engine's answer body, read with bounds: a JSON answer may not exceed a total size; a message
/// stream (a build's JSON values one after another) may not hold a message larger than a limit, may not
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

    // The message scan: nesting depth, inside a string (after a backslash), inside a bare literal.
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private bool _inScalar;

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
            if (_messageStarted >= 0)
            {
                throw new EngineAnswerException(_request, "the connection closed in the middle of a message");
            }

            return;
        }

        // Messages are JSON values one after another (Docker.DotNet parses values, not lines): a
        // newline may sit inside a value, so the bound is on the bytes since the last value ended,
        // white space before the next one included (it too is held until a value completes).
        foreach (var b in chunk)
        {
            _count++;
            if (Scan(b))
            {
                _count = 0;
                _messageStarted = -1;
            }
            else if (_messageStarted < 0 && _depth + (_inString ? 1 : 0) + (_inScalar ? 1 : 0) > 0)
            {
                _messageStarted = Environment.TickCount64;
            }

            if (_count > _limit)
            {
                throw TooLong();
            }
        }
    }

    // Advances the JSON scan by one byte; true when a top-level value ended with it.
    private bool Scan(byte b)
    {
        if (_inString)
        {
            if (_escaped)
            {
                _escaped = false;
            }
            else if (b == '\\')
            {
                _escaped = true;
            }
            else if (b == '"')
            {
                _inString = false;
                return _depth == 0;
            }

            return false;
        }

        var delimiter = b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'{' or (byte)'}' or (byte)'[' or (byte)']' or (byte)',' or (byte)':' or (byte)'"';
        if (_inScalar)
        {
            if (!delimiter)
            {
                return false;
            }

            // A bare top-level literal (null, a number) ends at its delimiter, which starts afresh.
            _inScalar = false;
            _count = 1;
            _messageStarted = -1;
        }

        switch (b)
        {
            case (byte)'"':
                _inString = true;
                return false;
            case (byte)'{' or (byte)'[':
                _depth++;
                return false;
            case (byte)'}' or (byte)']':
                _depth = Math.Max(0, _depth - 1);
                return _depth == 0;
            case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':':
                return false;
            default:
                _inScalar = _depth == 0;
                return false;
        }
    }

    private EngineAnswerException TooLong() =>
        new(_request, $"a message larger than {Describe(_limit)} (clawker reads no more than that)");

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
