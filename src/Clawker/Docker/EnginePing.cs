namespace Clawker.Docker;

/// <summary>
/// What an engine's <c>GET /_ping</c> says in its headers. dockerd and podman answer it without
/// JSON in well under a millisecond (<c>/version</c> takes 6-8 ms and a large model to read), and
/// its headers carry what a connect needs: <c>Api-Version</c>, <c>Server</c>
/// (<c>Docker/20.10.24+dfsg1 (linux)</c>, <c>Libpod/4.3.1 (linux)</c>), podman's
/// <c>Libpod-Api-Version</c>, and the builder's <c>Builder-Version</c> and <c>OSType</c>.
/// Every value is already cut and cleaned (<see cref="EngineText.Excerpt"/>); empty when absent.
/// </summary>
internal sealed record EnginePing(string ApiVersion, string Server, string LibpodApiVersion, string BuilderVersion, string OsType)
{
    /// <summary>A ping whose answer carried none of the headers.</summary>
    public static readonly EnginePing None = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    /// <summary>
    /// The engine's own version, from <c>Server: PRODUCT/VERSION (os)</c>; <see langword="null"/> when
    /// the header is absent or not of that shape (the connect then asks <c>/version</c>).
    /// </summary>
    public string? EngineVersion
    {
        get
        {
            var slash = Server.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                return null;
            }

            var rest = Server[(slash + 1)..];
            var end = rest.IndexOf(' ', StringComparison.Ordinal);
            var version = (end < 0 ? rest : rest[..end]).Trim();
            return version.Length > 0 && char.IsAsciiDigit(version[0]) ? version : null;
        }
    }

    /// <summary>Whether the engine is podman: it sends <c>Libpod-Api-Version</c>, or names itself <c>Libpod</c>.</summary>
    public bool IsPodman => LibpodApiVersion.Length > 0 || Server.StartsWith("Libpod/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the ping alone identifies the engine (else the connect asks <c>/version</c>, as engines without these headers need).</summary>
    public bool Identifies => ApiVersion.Length > 0 && EngineVersion is not null;
}
