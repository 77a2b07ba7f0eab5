namespace Clawker.Tests.Infrastructure;

/// <summary>The part of <see cref="TestEngine"/> that uses the library's internals (<c>WrapHandler</c>).</summary>
internal static partial class TestEngine
{
    /// <summary>
    /// Clawker's own engine client on <see cref="Host"/> (skips or fails without one);
    /// <paramref name="counter"/> counts its HTTP requests.
    /// </summary>
    public static Task<DockerEngine> ConnectAsync(RequestCounter? counter = null, CancellationToken cancellationToken = default)
    {
        Require();
        var options = Options with { WrapHandler = counter is null ? null : inner => counter.Wrap(inner) };
        return DockerEngine.ConnectAsync(options, cancellationToken);
    }
}

/// <summary>
/// An engine client that cancels a token when it sends a request whose path contains a text (and
/// whose method is <c>method</c>, when given): before sending it, or, with <c>afterAnswer</c>, once
/// the engine has answered it (the engine did the work; the caller never learns its answer).
/// </summary>
internal static partial class TestEngine
{
    public static Task<DockerEngine> ConnectCancellingAsync(string pathPart, CancellationTokenSource cancel, CancellationToken cancellationToken, HttpMethod? method = null, bool afterAnswer = false)
    {
        Require();
        var options = Options with { WrapHandler = inner => new Cancelling(pathPart, method, afterAnswer, cancel) { InnerHandler = inner } };
        return DockerEngine.ConnectAsync(options, cancellationToken);
    }

    private sealed class Cancelling(string pathPart, HttpMethod? method, bool afterAnswer, CancellationTokenSource cancel) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.Contains(pathPart, StringComparison.Ordinal) != true || (method is not null && request.Method != method))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            if (afterAnswer)
            {
                (await base.SendAsync(request, cancellationToken)).Dispose();
            }

            await cancel.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException(cancel.Token);
        }
    }
}
