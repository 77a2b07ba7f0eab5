using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Clawker.Publishing;

/// <summary>
/// The registry's own <c>/v2/</c> API, for one question: which manifest digest (and image config) a tag has
/// (<c>HEAD</c> or <c>GET /v2/&lt;name&gt;/manifests/&lt;tag&gt;</c> with the Accept headers for v2, list, OCI
/// manifest and OCI index, or the registry converts to schema1 and reports another digest).
/// HTTPS with verified TLS; plain HTTP only for a loopback registry, as dockerd allows it.
/// Basic auth, or a bearer token from the realm a 401 names. Every request is bounded.
/// </summary>
internal sealed class RegistryApi : IDisposable
{
    private const int MaxTokenBytes = 64 * 1024;

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static readonly string[] ManifestTypes =
    [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
    ];

    private readonly HttpClient _http;
    private readonly RegistryName _registry;
    private readonly RegistryLogin _login;
    private string? _scheme;
    private AuthenticationHeaderValue? _authorization;

    public RegistryApi(RegistryName registry, RegistryLogin login, TimeSpan timeout)
    {
        _registry = registry;
        _login = login;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            AllowAutoRedirect = false,
            MaxResponseHeadersLength = 64,
            UseProxy = false,
        })
        { Timeout = timeout, MaxResponseContentBufferSize = MaxTokenBytes };
    }

    /// <summary>The digest the registry has for <paramref name="tag"/>; <see langword="null"/> when it has no such tag.</summary>
    /// <exception cref="RegistryException">CLAWKER6001, 6002, 6003 or 6009.</exception>
    public async Task<string?> ManifestDigestAsync(string repositoryPath, string tag, CancellationToken cancellationToken)
    {
        using var response = await ManifestAsync(HttpMethod.Head, repositoryPath, tag, cancellationToken).ConfigureAwait(false);
        return Digest(response, $"/v2/{repositoryPath}/manifests/{tag}");
    }

    /// <summary>
    /// The tag's manifest digest and the image config digest its manifest names (the local image's
    /// ID on dockerd and podman alike, while podman's RepoDigests name its own uncompressed manifest);
    /// <see langword="null"/> when the registry has no such tag. Config is <see langword="null"/> for a
    /// manifest list or index.
    /// </summary>
    /// <exception cref="RegistryException">CLAWKER6001, 6002, 6003 or 6009.</exception>
    public async Task<(string Digest, string? Config)?> ManifestWithConfigAsync(string repositoryPath, string tag, CancellationToken cancellationToken)
    {
        using var response = await ManifestAsync(HttpMethod.Get, repositoryPath, tag, cancellationToken).ConfigureAwait(false);
        if (Digest(response, $"/v2/{repositoryPath}/manifests/{tag}") is not { } digest)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false), new JsonDocumentOptions { MaxDepth = 16 });
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("digest", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text && IsDigest(text)
                ? (digest, text)
                : (digest, null);
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or InvalidOperationException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A manifest that cannot be read cannot prove the image is there: push.
            return (digest, null);
        }
    }

    // Headers-read answers are past HttpClient's timeout and buffer bound: both apply here again.
    private async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_http.Timeout);
        var body = await response.Content.ReadAsStreamAsync(bounded.Token).ConfigureAwait(false);
        await using var owned = body.ConfigureAwait(false);
        var buffer = new byte[MaxTokenBytes];
        var filled = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(filled), bounded.Token).ConfigureAwait(false)) > 0)
        {
            filled += read;
            if (filled == buffer.Length)
            {
                throw new InvalidOperationException("the manifest is larger than any image manifest");
            }
        }

        return buffer.AsMemory(0, filled);
    }

    private async Task<HttpResponseMessage> ManifestAsync(HttpMethod method, string repositoryPath, string tag, CancellationToken cancellationToken)
    {
        var path = $"/v2/{repositoryPath}/manifests/{tag}";
        var response = await SendAsync(method, path, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && _authorization is null && await AuthorizeAsync(response, repositoryPath, cancellationToken).ConfigureAwait(false))
        {
            response.Dispose();
            return await SendAsync(method, path, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    public void Dispose() => _http.Dispose();

    private string? Digest(HttpResponseMessage response, string path) => response.StatusCode switch
    {
        HttpStatusCode.OK => response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } digest && IsDigest(digest)
            ? digest
            : throw Failed($"HEAD {path} answered without a valid Docker-Content-Digest header"),
        HttpStatusCode.NotFound => null,
        HttpStatusCode.Unauthorized => throw PushFailures.AuthenticationFailed(_registry.Server, _login.Source, "the registry's API answered 401 Unauthorized"),
        HttpStatusCode.Forbidden => throw PushFailures.AccessDenied(_registry.Server, _login.Source, _registry.Prefix),
        _ => throw Failed($"HEAD {path} answered {(int)response.StatusCode}"),
    };

    internal static bool IsDigest(string digest) =>
        digest.Length == 71 && digest.StartsWith("sha256:", StringComparison.Ordinal) && !digest.AsSpan(7).ContainsAnyExcept(LowerHex);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        if (_scheme is { } known)
        {
            return await SendOnceAsync(method, known, path, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var response = await SendOnceAsync(method, "https", path, cancellationToken).ConfigureAwait(false);
            _scheme = "https";
            return response;
        }
        catch (RegistryException) when (_registry.IsLoopback)
        {
            // dockerd's rule for an insecure (loopback) registry: HTTPS first, then plain HTTP.
            var response = await SendOnceAsync(method, "http", path, cancellationToken).ConfigureAwait(false);
            _scheme = "http";
            return response;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string scheme, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri($"{scheme}://{_registry.ApiHost}{path}"));
        foreach (var type in ManifestTypes)
        {
            request.Headers.Accept.ParseAdd(type);
        }

        request.Headers.Authorization = _authorization;
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw PushFailures.Unreachable(_registry.Server, $"{scheme}://{_registry.ApiHost}/v2/", Reason(e));
        }
    }

    /// <summary>Sets the Authorization for the challenge; false when there is nothing to answer it with.</summary>
    private async Task<bool> AuthorizeAsync(HttpResponseMessage challenge, string repositoryPath, CancellationToken cancellationToken)
    {
        if (_login.IsAnonymous && challenge.Headers.WwwAuthenticate.All(h => !h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var basic = _login.Username is { } user && _login.Password is { } password
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")))
            : null;
        foreach (var header in challenge.Headers.WwwAuthenticate)
        {
            if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && basic is not null)
            {
                _authorization = basic;
                return true;
            }

            if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && Challenge.Parse(header.Parameter) is { Realm: { } realm } bearer)
            {
                _authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(realm, bearer.Service, repositoryPath, basic, cancellationToken).ConfigureAwait(false));
                return true;
            }
        }

        return false;
    }

    private async Task<string> TokenAsync(Uri realm, string? service, string repositoryPath, AuthenticationHeaderValue? basic, CancellationToken cancellationToken)
    {
        if (realm.Scheme != Uri.UriSchemeHttps && !(realm.Scheme == Uri.UriSchemeHttp && realm.IsLoopback && _registry.IsLoopback))
        {
            throw Failed("its token realm is not an https address; no credentials were sent to it");
        }

        // A 401 may name any realm: the password goes only to the registry's own host or its domain
        // (registry-1.docker.io -> auth.docker.io), never to a host the registry merely points at.
        if (basic is not null && !SameSite(realm.IdnHost, RegistryHost()))
        {
            throw Failed($"its token realm {realm.IdnHost} is not on the registry's host or domain; no credentials were sent to it");
        }

        var query = $"?scope={Uri.EscapeDataString($"repository:{repositoryPath}:pull")}" + (service is null ? string.Empty : $"&service={Uri.EscapeDataString(service)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(realm, realm.AbsolutePath + query));
        request.Headers.Authorization = basic;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw PushFailures.Unreachable(_registry.Server, $"the token realm {realm.GetLeftPart(UriPartial.Path)}", Reason(e));
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw PushFailures.AuthenticationFailed(_registry.Server, _login.Source, $"the token realm answered {(int)response.StatusCode}");
            }

            try
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                foreach (var name in new[] { "token", "access_token" })
                {
                    if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } text)
                    {
                        return text;
                    }
                }
            }
            catch (Exception e) when (e is JsonException or HttpRequestException or InvalidOperationException)
            {
                // Reported below; the answer holds a token, so nothing of it is quoted.
            }

            throw Failed("its token realm gave no token");
        }
    }

    private string RegistryHost() => new Uri($"https://{_registry.ApiHost}/").IdnHost;

    /// <summary>The same host, a sibling under the registry's parent domain (of at least two labels), or that domain itself.</summary>
    internal static bool SameSite(string realmHost, string registryHost)
    {
        if (realmHost.Equals(registryHost, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        static string? Parent(string host)
        {
            var dot = host.IndexOf('.', StringComparison.Ordinal);
            var parent = dot < 0 ? string.Empty : host[(dot + 1)..];
            return IPAddress.TryParse(host.Trim('[', ']'), out _) || !parent.Contains('.', StringComparison.Ordinal) ? null : parent;
        }

        // Siblings (registry-1.docker.io, auth.docker.io) or the registry's own domain (registry.gitlab.com, gitlab.com).
        return Parent(registryHost) is { } domain
            && (domain.Equals(realmHost, StringComparison.OrdinalIgnoreCase) || domain.Equals(Parent(realmHost), StringComparison.OrdinalIgnoreCase));
    }

    private RegistryException Failed(string why) => new(
        RegistryErrorKind.PushFailed, _registry.Server, $"The registry {_registry.Server} cannot be asked for the image's digest: {why}.");

    private static string Reason(Exception e) => e switch
    {
        TaskCanceledException => "no answer within the timeout",
        HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException } => "the TLS handshake failed (certificate not trusted, or not a TLS server)",
        HttpRequestException h when h.HttpRequestError != HttpRequestError.Unknown => h.HttpRequestError.ToString(),
        _ => Docker.EngineText.Excerpt(e.Message, 200),
    };

    private sealed record Challenge(Uri? Realm, string? Service)
    {
        public static Challenge Parse(string? parameter)
        {
            Uri? realm = null;
            string? service = null;
            foreach (var part in (parameter ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                var value = part[(eq + 1)..].Trim('"');
                switch (part[..eq].Trim())
                {
                    case "realm" when Uri.TryCreate(value, UriKind.Absolute, out var uri):
                        realm = uri;
                        break;
                    case "service":
                        service = value;
                        break;
                }
            }

            return new Challenge(realm, service);
        }
    }
}
