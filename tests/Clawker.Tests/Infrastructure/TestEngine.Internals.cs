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
    public static Task<DockerEngine> ConnectCancellingAsync(string pathPart, CancellationTokenSource cancel, CancellationToken cancellationToken, HttpMethod? method = null, bool afterAnswer = false) =>
        ConnectInterceptingAsync(pathPart, method, async send =>
        {
            if (afterAnswer)
            {
                (await send()).Dispose();
            }

            await cancel.CancelAsync();
            throw new OperationCanceledException(cancel.Token);
        }, cancellationToken);

    /// <summary>An engine client whose requests matching <paramref name="pathPart"/> (and <paramref name="method"/>) go through <paramref name="intercept"/>, given the send.</summary>
    public static Task<DockerEngine> ConnectInterceptingAsync(
        string pathPart, HttpMethod? method, Func<Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>> intercept, CancellationToken cancellationToken) =>
        ConnectInterceptingAsync(pathPart, method, (_, send) => intercept(send), cancellationToken);

    /// <summary>As above, <paramref name="intercept"/> also given the request (its query, for example).</summary>
    public static Task<DockerEngine> ConnectInterceptingAsync(
        string pathPart, HttpMethod? method, Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>> intercept, CancellationToken cancellationToken)
    {
        Require();
        var options = Options with { WrapHandler = inner => new Intercepting(pathPart, method, intercept) { InnerHandler = inner } };
        return DockerEngine.ConnectAsync(options, cancellationToken);
    }

    private sealed class Intercepting(string pathPart, HttpMethod? method, Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, Task<HttpResponseMessage>> intercept) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri?.AbsolutePath.Contains(pathPart, StringComparison.Ordinal) == true && (method is null || request.Method == method)
                ? intercept(request, () => base.SendAsync(request, cancellationToken))
                : base.SendAsync(request, cancellationToken);
    }
}
