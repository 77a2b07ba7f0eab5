using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Docker.DotNet;

namespace Clawker.Docker;

/// <summary>
/// Turns transport and API failures into clawker's coded exceptions, each naming the endpoint
/// and how it was chosen. Anything it does not recognise is left to the caller.
/// </summary>
internal static class EngineErrors
{
    private const string PointElsewhere = "Start Docker, or point DOCKER_HOST at a running engine (unix:///path/to/docker.sock or tcp://host:port).";

    /// <summary>The socket of a unix endpoint is missing: fail before trying to connect.</summary>
    public static DockerEngineException SocketMissing(DockerEndpoint endpoint, Exception? inner = null) =>
        DockerEngineException.Unreachable(endpoint, $"Cannot reach the Docker engine at {endpoint}: the socket {endpoint.SocketPath} does not exist. {PointElsewhere}", inner);

    public static DockerEngineException TimedOut(DockerEndpoint endpoint, TimeSpan timeout, Exception? inner) =>
        DockerEngineException.Unreachable(endpoint,
            $"The Docker engine at {endpoint} did not answer within {timeout.TotalSeconds:0.###} s. " +
            "Check that the daemon is healthy (`docker info`) and not overloaded, or raise the timeout.",
            inner is null ? null : Vetted(inner));

    public static DockerEngineException ApiTooOld(DockerEndpoint endpoint, string apiVersion, string engineVersion) =>
        DockerEngineException.ApiTooOld(endpoint, apiVersion,
            $"The Docker engine at {endpoint} speaks Engine API {apiVersion} (engine {engineVersion}); clawker needs {DockerEngine.MinimumApiVersion} or newer. " +
            "Upgrade to Docker 20.10 or later, or podman 4 or later.");

    /// <summary>The coded exception for <paramref name="failure"/>, or <see langword="null"/> when it is not an engine failure.</summary>
    /// <param name="failure">What was thrown.</param>
    /// <param name="endpoint">The engine.</param>
    /// <param name="timeout">The call's bound.</param>
    /// <param name="request">The last request the call sent (for example <c>GET /version</c>), if known.</param>
    /// <param name="tls">The connection's TLS session, if it speaks TLS.</param>
    public static DockerEngineException? Translate(Exception failure, DockerEndpoint endpoint, TimeSpan timeout, string? request = null, TlsSession? tls = null)
    {
        if (failure is DockerEngineException coded)
        {
            return coded;
        }

        if (TlsErrors.Translate(failure, endpoint, tls) is { } tlsFailure)
        {
            return tlsFailure;
        }

        // Before the transport cases: ssh's exit, with its reason, arrives as an IOException.
        if (Find<Ssh.SshTransportException>(failure) is { } ssh)
        {
            return Ssh.SshErrors.Coded(ssh, endpoint);
        }

        if (failure is DockerApiException api)
        {
            return DockerEngineException.RequestFailed(endpoint, api.StatusCode,
                $"The Docker engine at {endpoint} answered {(int)api.StatusCode} {api.StatusCode}: {EngineMessage(api)}. " +
                "Check the engine's log (`journalctl -u docker`) and free disk space; the request can be retried.",
                Vetted(api));
        }

        // Before the transport cases: it travels as an IOException, often inside an HttpRequestException.
        if (Find<EngineAnswerException>(failure) is { } bound)
        {
            return bound.Stalled
                ? DockerEngineException.Unreachable(endpoint,
                    $"The Docker engine at {endpoint} stalled answering {bound.Request}: {bound.Problem}. " +
                    "Check that the daemon is healthy (`docker info`) and not overloaded, or raise the timeout.",
                    Vetted(bound))
                : Malformed(endpoint, bound.Request, bound.Problem, Vetted(bound));
        }

        // Docker.DotNet deserialises answers itself: invalid JSON, or a value of the wrong type.
        if (Find<System.Text.Json.JsonException>(failure) is { } json)
        {
            return Malformed(endpoint, request ?? "a request", Describe(json), Vetted(json));
        }

        if (failure is FormatException or OverflowException)
        {
            return Malformed(endpoint, request ?? "a request", "a value in a format clawker cannot read", Vetted(failure));
        }

        if (failure is TimeoutException || failure is TaskCanceledException { InnerException: TimeoutException })
        {
            return TimedOut(endpoint, timeout, Vetted(failure));
        }

        if (Find<SocketException>(failure) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.AccessDenied => PermissionDenied(endpoint, socket),
                SocketError.ConnectionRefused => DockerEngineException.Unreachable(endpoint,
                    $"Cannot reach the Docker engine at {endpoint}: connection refused (nothing is listening; the daemon is probably stopped). {PointElsewhere}",
                    Vetted(failure)),
                // ENOENT on a unix socket surfaces as AddressNotAvailable in .NET.
                SocketError.AddressNotAvailable when endpoint.SocketPath is not null => SocketMissing(endpoint, Vetted(failure)),
                SocketError.TimedOut => TimedOut(endpoint, timeout, Vetted(failure)),
                _ => DockerEngineException.Unreachable(endpoint,
                    $"Cannot reach the Docker engine at {endpoint}: {socket.Message} ({socket.SocketErrorCode}). {PointElsewhere}",
                    Vetted(failure)),
            };
        }

        if (failure is UnauthorizedAccessException denied)
        {
            return PermissionDenied(endpoint, denied);
        }

        if (failure is HttpRequestException or IOException)
        {
            return DockerEngineException.Unreachable(endpoint,
                $"Cannot talk to the Docker engine at {endpoint}: {EngineText.Excerpt(failure.Message, 300)} Is the address a Docker engine? {PointElsewhere}",
                Vetted(failure));
        }

        return null;
    }

    /// <summary>CLAWKER2005: the engine answered, but not with what the Engine API defines. Never quotes the answer.</summary>
    public static DockerEngineException Malformed(DockerEndpoint endpoint, string request, string problem, Exception? inner = null) =>
        DockerEngineException.RequestFailed(endpoint, HttpStatusCode.OK,
            $"The Docker engine at {endpoint} answered {request} with {problem}. " +
            "Is the address a Docker engine (not a proxy or another service), and is it healthy? Check the engine's log (`journalctl -u docker`); the request can be retried.",
            inner);

    // Where the JSON broke, never what it held.
    private static string Describe(System.Text.Json.JsonException json)
    {
        var where = json.Path is { Length: > 0 } path ? $" at {EngineText.Excerpt(path, 100)}" : string.Empty;
        var position = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : string.Empty;
        return $"an answer that is not the JSON the Engine API defines (invalid JSON or a value of the wrong type{where}{position})";
    }

    /// <summary>
    /// A stand-in for <paramref name="failure"/> fit to be a coded exception's inner one (Cake
    /// prints every inner message at Diagnostic): an engine's error body, a JSON path, or a line
    /// the HTTP client quoted are cut to the vetted excerpt, at every depth of the chain. Exceptions
    /// whose text is clawker's or the OS's own are kept as they are.
    /// </summary>
    internal static Exception Vetted(Exception failure)
    {
        switch (failure)
        {
            case EngineAnswerException or SocketException or UnauthorizedAccessException or TimeoutException:
                return failure;
            case OperationCanceledException cancelled:
                return cancelled.InnerException is null ? cancelled : new OperationCanceledException(cancelled.Message, Vetted(cancelled.InnerException), cancelled.CancellationToken);
            case DockerApiException api:
                // What the coded message shows of the body, nothing more.
                return new DockerApiException(api.StatusCode, EngineMessage(api));
            case System.Text.Json.JsonException json:
                return new System.Text.Json.JsonException(Describe(json), json.Path is { } path ? EngineText.Excerpt(path, 100) : null, json.LineNumber, json.BytePositionInLine);
            case HttpRequestException http:
                return new HttpRequestException(EngineText.Excerpt(http.Message, 300), http.InnerException is null ? null : Vetted(http.InnerException), http.StatusCode);
            case IOException io:
                return new IOException(EngineText.Excerpt(io.Message, 300), io.InnerException is null ? null : Vetted(io.InnerException));
            default:
                return new IOException($"{failure.GetType().FullName}: {EngineText.Excerpt(failure.Message, 300)}", failure.InnerException is null ? null : Vetted(failure.InnerException));
        }
    }

    private static DockerEngineException PermissionDenied(DockerEndpoint endpoint, Exception inner) =>
        DockerEngineException.PermissionDenied(endpoint,
            $"Permission denied on the Docker socket {endpoint.SocketPath ?? endpoint.Uri.ToString()} ({endpoint.Reason}). " +
            "Add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again), " +
            "or use rootless Docker and its socket (DOCKER_HOST=unix://$XDG_RUNTIME_DIR/docker.sock).",
            inner);

    private static T? Find<T>(Exception failure)
        where T : Exception
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    // Docker's body is {"message": "..."}; podman's adds "cause" and "response". Show the message only.
    private static string EngineMessage(DockerApiException api)
    {
        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(api.ResponseBody ?? string.Empty);
            if (body.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && body.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                return EngineText.Excerpt(message.GetString()) is { Length: > 0 } text ? text : "(no message)";
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (or cut short at the read bound): fall through to the raw body.
        }

        return EngineText.Excerpt(api.ResponseBody) is { Length: > 0 } raw ? raw : "(no message)";
    }

    internal static bool IsNotFound(DockerApiException api) => api.StatusCode == HttpStatusCode.NotFound;
}
