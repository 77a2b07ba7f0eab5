using System.Net;
using System.Text.RegularExpressions;
using Clawker.Diagnostics;

namespace Clawker.Publishing;

/// <summary>
/// The <c>Registry</c> setting read as the docker CLI reads an image name's domain:
/// <c>host[:port][/path]</c> (a first part with a dot or a colon, or <c>localhost</c>, is a
/// server; otherwise the name is a Docker Hub namespace). <see cref="CredentialKey"/> is the key
/// config.json files credentials under (<c>https://index.docker.io/v1/</c> for Docker Hub).
/// </summary>
internal sealed partial record RegistryName(string Server, string Prefix, string CredentialKey, string ApiHost)
{
    public const string DockerHubKey = "https://index.docker.io/v1/";
    private const int MaxLength = 200;

    /// <summary>Whether the server is this machine (127.0.0.0/8, ::1, localhost): the only place plain HTTP is tried.</summary>
    public bool IsLoopback
    {
        get
        {
            var host = HostOf(Server);
            return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        }
    }

    /// <summary>
    /// Whether dockerd treats the server as insecure without configuration (its default insecure
    /// range 127.0.0.0/8, which <c>localhost</c> resolves into; not <c>::1</c>): TLS unverified, then
    /// plain HTTP. podman has no such default, so its push is told the same (<c>tlsVerify=false</c>).
    /// </summary>
    public bool IsInsecureByDefault
    {
        get
        {
            var host = HostOf(Server);
            return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.GetAddressBytes()[0] == 127);
        }
    }

    /// <summary>The repository of a project's image, for example <c>registry.example.com/team/clawker-demo</c>.</summary>
    public string Repository(string localRepository) => $"{Prefix}/{localRepository}";

    /// <summary>Reads the setting.</summary>
    /// <exception cref="RegistryException">CLAWKER6008: no registry is set.</exception>
    /// <exception cref="ClawkerSettingException">CLAWKER5002: it is not a registry name.</exception>
    public static RegistryName Parse(string? text)
    {
        var value = ClawkerSettingParser.Text(text) ?? throw new RegistryException(
            RegistryErrorKind.RegistryNotConfigured,
            registry: null,
            "No registry to push to: set the registry setting (MSBuild ClawkerRegistry, Cake Registry), for example registry.example.com/team.");
        if (value.Length > MaxLength || !Grammar().IsMatch(value))
        {
            throw new ClawkerSettingException(
                SettingKeys.Registry,
                Docker.EngineText.Excerpt(value, 120),
                "a registry host[:port] with an optional lower-case path and no scheme, for example registry.example.com/team or 127.0.0.1:5000");
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? value : value[..slash];
        if (!IsHostAndPort(first))
        {
            // The grammar admits port 0 or 99999 and "[:::]": the registry's URL would be built from it.
            throw new ClawkerSettingException(SettingKeys.Registry, Docker.EngineText.Excerpt(value, 120), "a registry host[:port] with a port from 1 to 65535 and a valid IP address, for example 127.0.0.1:5000");
        }
        var isServer = IsDomain(first);
        if (!isServer || first is "docker.io" or "index.docker.io" or "registry-1.docker.io")
        {
            var path = isServer ? (slash < 0 ? string.Empty : value[(slash + 1)..]) : value;
            if (path.Length == 0)
            {
                throw new ClawkerSettingException(SettingKeys.Registry, value, "a Docker Hub namespace after docker.io/ (for example docker.io/myteam)");
            }

            return new RegistryName("docker.io", "docker.io/" + path, DockerHubKey, "registry-1.docker.io");
        }

        return new RegistryName(first, value, first, first);
    }

    /// <summary>
    /// The docker CLI's rule for the first part of an image name: a registry when it holds a dot or
    /// a colon, or is <c>localhost</c>; otherwise a Docker Hub namespace.
    /// </summary>
    /// <param name="first">The text before the name's first <c>/</c>.</param>
    internal static bool IsDomain(string first) =>
        first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";

    private static bool IsHostAndPort(string first) =>
        Uri.TryCreate($"https://{first}/", UriKind.Absolute, out var uri)
        && uri.Port is > 0 and <= 65535
        && (!first.StartsWith('[') || IPAddress.TryParse(HostOf(first), out _));

    private static string HostOf(string server)
    {
        if (server.StartsWith('['))
        {
            var close = server.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? server[1..close] : server;
        }

        var colon = server.LastIndexOf(':');
        return colon > 0 ? server[..colon] : server;
    }

    // host (name, IPv4 or [IPv6]) with an optional port, then path parts of the reference grammar.
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Grammar();
}
