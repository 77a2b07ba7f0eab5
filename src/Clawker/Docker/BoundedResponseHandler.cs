using System.Net;
using System.Net.Http.Headers;

namespace Clawker.Docker;

/// <summary>
/// Bounds what clawker reads from an engine, below Docker.DotNet (which would read an error body
/// whole, without a timeout, and buffer any JSON answer whole): an error body is cut to
/// <see cref="MaxErrorBodyBytes"/> (read under the request's token); a JSON answer may not exceed
/// <see cref="MaxAnswerBytes"/>; a build's message stream is bounded per message and may not stall
/// mid-message (so may a push's and a pull's); and a build, push or pull must start answering within
/// the stall bound once its request is sent.
/// Also records which request is running, so a malformed answer can be reported by name.
/// </summary>
internal sealed class BoundedResponseHandler(TimeSpan stall) : DelegatingHandler
{
    /// <summary>The most of an error body clawker reads (it shows at most <see cref="EngineText.MaxShown"/> characters of it).</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>The largest JSON answer clawker reads; a real inspect or version answer is a few KB.</summary>
    public const long MaxAnswerBytes = 16 * 1024 * 1024;

    /// <summary>The largest single message of a build stream (the engine writes a step's output in small chunks).</summary>
    public const long MaxStreamMessageBytes = 1024 * 1024;

    // Where a redirect pointed: scheme, host, port and path only (a URL's user info, query and
    // fragment may carry credentials), percent-encoded, so no control or bidi character is shown.
    private static string Where(Uri? location)
    {
        if (location is null || !Uri.TryCreate(RedirectBase, location, out var resolved))
        {
            return string.Empty;
        }

        var path = resolved.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
        var shown = location.IsAbsoluteUri ? $"{resolved.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)}/{path}" : "/" + path;
        return " to " + EngineText.Excerpt(shown, 100);
    }

    private static readonly Uri RedirectBase = new("http://engine.invalid/");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var name = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        EngineCall.Current?.Started(name);
        // Builds, pushes and pulls answer with a message stream as long as the work takes.
        var streamed = request.RequestUri?.AbsolutePath is { } path
            && (path.EndsWith("/build", StringComparison.Ordinal) || path.EndsWith("/push", StringComparison.Ordinal)
                || (path.EndsWith("/images/create", StringComparison.Ordinal) && request.RequestUri.Query.Contains("fromImage=", StringComparison.Ordinal)));
        if (streamed && EngineCall.Current?.PushQuery is { } extra && request.RequestUri is { } uri && uri.AbsolutePath.EndsWith("/push", StringComparison.Ordinal))
        {
            request.RequestUri = new UriBuilder(uri) { Query = uri.Query.Length > 1 ? $"{uri.Query[1..]}&{extra}" : extra }.Uri;
        }

        var response = streamed
            ? await SendWithAnswerDeadlineAsync(request, name, cancellationToken).ConfigureAwait(false)
            : await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.SwitchingProtocols)
            {
                // A 101 hands over the raw connection, past every bound here: only for a request that asked to upgrade.
                return request.Headers.Contains("Upgrade")
                    ? response
                    : throw new EngineAnswerException(name, "101 Switching Protocols, to a request that did not ask to switch");
            }

            // Redirects are not followed (the transports are told so); one is a failed request, said
            // plainly. Not 304: engines answer it to starting a started container, a success.
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                throw new EngineAnswerException(name, $"{status}, a redirect{Where(response.Headers.Location)}: an engine answers requests, it does not send them elsewhere, and Clawker does not follow", redirect: true);
            }

            // Only a ping that succeeded speaks for the engine (an error page's headers are a proxy's).
            if (status is >= 200 and < 300 && request.RequestUri?.AbsolutePath.EndsWith("/_ping", StringComparison.Ordinal) == true && EngineCall.Current is { } call)
            {
                call.Ping = EnginePing.From(response.Headers);
            }

            var original = response.Content;
            var body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            if (status is < 200 or >= 400)
            {
                var prefix = await ReadPrefixAsync(body, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
                response.Content = CopyHeaders(original, new ByteArrayContent(prefix));
                // Closes the connection with whatever the engine still wanted to send.
                await body.DisposeAsync().ConfigureAwait(false);
                original.Dispose();
                return response;
            }

            var bounded = streamed
                ? BoundedAnswerStream.Messages(body, original, name, MaxStreamMessageBytes, stall)
                : BoundedAnswerStream.Answer(body, original, name, MaxAnswerBytes, original.Headers.ContentLength);
            response.Content = CopyHeaders(original, new StreamContent(bounded));
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    // The request body (the build context) may take long to upload, but each write of it may not
    // (an engine that stops reading, frozen or wedged, would hold the upload forever); nor may the
    // answer's headers, once it is all sent.
    private async Task<HttpResponseMessage> SendWithAnswerDeadlineAsync(HttpRequestMessage request, string name, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        UploadWatch? upload = null;
        if (request.Content is { } content)
        {
            request.Content = upload = new UploadWatch(content, deadline, stall);
        }
        else
        {
            deadline.CancelAfter(stall);
        }

        try
        {
            return await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException
            && !cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new EngineAnswerException(name, upload is { Sent: false }
                ? $"the engine stopped reading the request for more than {stall.TotalSeconds:0.###} s"
                : $"no answer within {stall.TotalSeconds:0.###} s after the request was sent", stalled: true);
        }
        finally
        {
            // The token may still be watched by the connection; never let the timer fire later.
            deadline.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    private static async Task<byte[]> ReadPrefixAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        var buffer = new byte[max];
        var filled = 0;
        while (filled < max)
        {
            var n = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return buffer.AsSpan(0, filled).ToArray();
    }

    private static HttpContent CopyHeaders(HttpContent from, HttpContent to)
    {
        foreach (var header in from.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                to.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return to;
    }

    /// <summary>
    /// Passes the request body through, each write bounded by the stall (the deadline aborts the
    /// connection); once it is all sent, the deadline bounds the wait for the answer.
    /// </summary>
    private sealed class UploadWatch(HttpContent inner, CancellationTokenSource deadline, TimeSpan stall) : HttpContent
    {
        private volatile bool _sent;

        public bool Sent => _sent;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await inner.CopyToAsync(new WatchedWrites(stream, deadline, stall), context, cancellationToken).ConfigureAwait(false);
            _sent = true;
            deadline.CancelAfter(stall);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A write-only view of the connection where each write must finish within the stall.</summary>
    private sealed class WatchedWrites(Stream inner, CancellationTokenSource deadline, TimeSpan stall) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            deadline.CancelAfter(stall);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            // WaitAsync as well: a transport that ignores the token still lets go (the deadline then aborts it).
            await inner.WriteAsync(buffer, linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
            deadline.CancelAfter(Timeout.InfiniteTimeSpan);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            deadline.CancelAfter(stall);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            await inner.FlushAsync(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
            deadline.CancelAfter(Timeout.InfiniteTimeSpan);
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
