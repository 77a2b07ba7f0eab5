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

/// <summary>An engine client that cancels a token when it sends a request whose path contains a text.</summary>
internal static partial class TestEngine
{
    public static Task<DockerEngine> ConnectCancellingAsync(string pathPart, CancellationTokenSource cancel, CancellationToken cancellationToken)
    {
        Require();
        var options = Options with { WrapHandler = inner => new Cancelling(pathPart, cancel) { InnerHandler = inner } };
        return DockerEngine.ConnectAsync(options, cancellationToken);
    }

    private sealed class Cancelling(string pathPart, CancellationTokenSource cancel) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.Contains(pathPart, StringComparison.Ordinal) == true)
            {
                cancel.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
