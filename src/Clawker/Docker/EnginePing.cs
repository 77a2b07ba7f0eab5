using System.Net.Http.Headers;

namespace Clawker.Docker;

/// <summary>
/// What a successful <c>GET /_ping</c> says in its headers. dockerd and podman answer it without
/// JSON in well under a millisecond (<c>/version</c> takes 6-8 ms and a large model to read), and
/// its headers carry what a connect needs: <c>Api-Version</c>, <c>Server</c>
/// (<c>Docker/20.10.24+dfsg1 (linux)</c>, <c>Libpod/4.3.1 (linux)</c>), podman's
/// <c>Libpod-Api-Version</c>, and the builder's <c>Builder-Version</c> and <c>OSType</c>.
/// Values are empty when absent, repeated or too long to be real.
/// </summary>
internal sealed record EnginePing(string ApiVersion, string ServerProduct, string ServerVersion, string LibpodApiVersion, string BuilderVersion, string OsType)
{
    // Longer than any real value (a Debian build's version is about 20 characters).
    private const int MaxValueLength = 64;

    /// <summary>A ping that failed, or said nothing.</summary>
    public static readonly EnginePing None = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    /// <summary>Reads the headers of a successful ping.</summary>
    public static EnginePing From(HttpResponseHeaders headers)
    {
        // The first product of Server, as .NET parses it; one that does not parse is no product.
        var product = headers.Server.FirstOrDefault(p => p.Product is not null)?.Product;
        return new EnginePing(
            Single(headers, "Api-Version"),
            Fits(product?.Name),
            Fits(product?.Version),
            Single(headers, "Libpod-Api-Version"),
            Single(headers, "Builder-Version"),
            Single(headers, "OSType"));
    }

    /// <summary>
    /// Whether the ping alone identifies the engine: one well-formed <c>Api-Version</c> and a
    /// <c>Server</c> of dockerd or podman with a version. A proxy in front (nginx sends its own
    /// <c>Server</c>) or an engine without these headers does not; the connect then asks <c>/version</c>.
    /// </summary>
    public bool Identifies =>
        Version.TryParse(ApiVersion, out _)
        && (ServerProduct.Equals("Docker", StringComparison.OrdinalIgnoreCase) || ServerProduct.Equals("Libpod", StringComparison.OrdinalIgnoreCase))
        && ServerVersion.Length > 0 && char.IsAsciiDigit(ServerVersion[0]);

    /// <summary>Whether the engine is podman: it sends <c>Libpod-Api-Version</c>, or names itself <c>Libpod</c>.</summary>
    public bool IsPodman => LibpodApiVersion.Length > 0 || ServerProduct.Equals("Libpod", StringComparison.OrdinalIgnoreCase);

    private static string Single(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && values.ToArray() is [var one] ? Fits(one.Trim()) : string.Empty;

    // Header values are decoded one byte per character: control characters are the only danger, and the excerpt removes them.
    private static string Fits(string? value) =>
        value is { Length: > 0 and <= MaxValueLength } ? EngineText.Excerpt(value, MaxValueLength) : string.Empty;
}
