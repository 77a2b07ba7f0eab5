namespace Clawker.Tests.Infrastructure;

/// <summary>Counts the HTTP requests a Docker client sends, with their method and path.</summary>
internal sealed class RequestCounter
{
    private readonly List<string> _requests = [];

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

    public void Reset()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public HttpMessageHandler Wrap(HttpMessageHandler inner) => new Counting(this) { InnerHandler = inner };

    private sealed class Counting(RequestCounter owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (owner._requests)
            {
                owner._requests.Add($"{request.Method} {request.RequestUri?.AbsolutePath}");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
