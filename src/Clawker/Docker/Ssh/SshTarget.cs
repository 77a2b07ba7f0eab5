using System.Globalization;

namespace Clawker.Docker.Ssh;

/// <summary>
/// An <c>ssh://[user@]host[:port][/socket]</c> engine address, parsed strictly (every part is
/// checked against a safe alphabet, so nothing in it can become an ssh option or a shell word),
/// and the ssh command line the docker CLI runs for it.
/// </summary>
internal sealed record SshTarget(string? User, string Host, int? Port, string? SocketPath)
{
    /// <summary>The scheme, with its separator.</summary>
    public const string Prefix = "ssh://";

    /// <summary>Whether <paramref name="address"/> is an ssh address (any case of the scheme).</summary>
    public static bool IsSsh(string address) => address.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <paramref name="address"/>, or throws CLAWKER2013 naming the part that is wrong.</summary>
    /// <param name="address">The address, starting with <c>ssh://</c>.</param>
    /// <param name="reason">How it was chosen, for the message.</param>
    /// <exception cref="DockerEngineException">Of kind <see cref="DockerEngineErrorKind.SshAddressInvalid"/>.</exception>
    public static SshTarget Parse(string address, string reason)
    {
        ArgumentNullException.ThrowIfNull(address);
        var problem = Problem(address, out var target);
        return target ?? throw DockerEngineException.Ssh(
            DockerEngineErrorKind.SshAddressInvalid,
            endpoint: null,
            $"The Docker engine address '{Shown(address)}' ({reason}) is not a usable ssh address: {problem}. " +
            "Use ssh://[user@]host[:port][/path/to/remote/docker.sock], for example ssh://deploy@build-host or ssh://root@10.0.0.5:2222; " +
            "put anything else (keys, jump hosts, options) in ~/.ssh/config under a Host entry and name that host.");
    }

    /// <summary>The arguments of <c>ssh</c>, as the docker CLI passes them: <c>-l USER -p PORT -o ConnectTimeout=N -T -- HOST REMOTE-COMMAND</c>.</summary>
    /// <param name="connectTimeout">Becomes ssh's own <c>ConnectTimeout</c> (whole seconds, at least 1).</param>
    public IReadOnlyList<string> Arguments(TimeSpan connectTimeout)
    {
        var args = new List<string>();
        if (User is not null)
        {
            args.Add("-l");
            args.Add(User);
        }

        if (Port is { } port)
        {
            args.Add("-p");
            args.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        var seconds = connectTimeout == Timeout.InfiniteTimeSpan ? 30 : Math.Max(1, (int)Math.Ceiling(Math.Min(connectTimeout.TotalSeconds, 3600)));
        args.Add("-o");
        args.Add(string.Create(CultureInfo.InvariantCulture, $"ConnectTimeout={seconds}"));
        args.Add("-T");
        // "--" ends ssh's options: the host can never be read as one (it is checked as well).
        args.Add("--");
        args.Add(Host);
        args.Add(RemoteCommand);
        return args;
    }

    /// <summary>What the remote shell runs: <c>docker system dial-stdio</c>, with <c>--host=unix://PATH</c> when the address has a path.</summary>
    public string RemoteCommand => SocketPath is null
        ? "docker system dial-stdio"
        : $"docker {ShellWord("--host=unix://" + SocketPath)} system dial-stdio";

    /// <summary>The command line, for messages and the endpoint line.</summary>
    public string Describe(TimeSpan connectTimeout) => "ssh " + string.Join(' ', Arguments(connectTimeout).Select(ShellWord));

    // One POSIX shell word: as it is when it holds only safe characters, else single-quoted.
    internal static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./_-".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string? Problem(string address, out SshTarget? target)
    {
        target = null;
        if (!IsSsh(address))
        {
            return "it does not start with ssh://";
        }

        var rest = address[Prefix.Length..];
        if (rest.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return "it contains white space or a control character (a line break?)";
        }

        if (rest.Contains('?', StringComparison.Ordinal) || rest.Contains('#', StringComparison.Ordinal))
        {
            return "query parameters and fragments (? and #) are not allowed";
        }

        if (rest.Contains('%', StringComparison.Ordinal))
        {
            return "percent-encoded characters (%) are not allowed";
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? string.Empty : rest[slash..];

        string? user = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            if (userInfo.Contains(':', StringComparison.Ordinal))
            {
                return "a password in the address is not supported (use a key, or ssh-agent)";
            }

            if (!IsName(userInfo))
            {
                return "the user name is empty, starts with '-', or holds characters other than letters, digits, '.', '_' and '-'";
            }

            user = userInfo;
            authority = authority[(at + 1)..];
        }

        if (HostAndPort(authority, out var host, out var port) is { } hostProblem)
        {
            return hostProblem;
        }

        string? socket = null;
        if (path.Trim('/').Length > 0)
        {
            if (path.Contains('\\', StringComparison.Ordinal) || path.Contains("/../", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal))
            {
                return "the socket path holds '\\' or '..'";
            }

            socket = path;
        }

        target = new SshTarget(user, host, port, socket);
        return null;
    }

    private static string? HostAndPort(string authority, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        string portText;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return "the IPv6 address has no closing ']'";
            }

            host = authority[1..close];
            if (host.Length == 0 || !host.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
            {
                return "the IPv6 address in [...] is not one";
            }

            var after = authority[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
            {
                return "only :port may follow the IPv6 address";
            }

            portText = after.Length > 0 ? after[1..] : string.Empty;
            if (after.Length == 0)
            {
                return null;
            }
        }
        else
        {
            var colon = authority.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? authority : authority[..colon];
            if (host.Length == 0)
            {
                return "the host name is empty";
            }

            if (!IsName(host))
            {
                return "the host name starts with '-' or holds characters other than letters, digits, '.', '_' and '-'";
            }

            if (colon < 0)
            {
                return null;
            }

            portText = authority[(colon + 1)..];
        }

        if (portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit)
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            return "the port is not a number from 1 to 65535";
        }

        port = number;
        return null;
    }

    // A user or host name: never empty, never an option ("-oProxyCommand=..."), never a shell word.
    private static bool IsName(string text) =>
        text.Length is > 0 and <= 253 && text[0] != '-' && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    // The address for a message: one line, bounded, and never a password someone put in it.
    private static string Shown(string address)
    {
        var at = address.LastIndexOf('@');
        var shown = at > Prefix.Length && address.AsSpan(Prefix.Length, at - Prefix.Length).Contains(':')
            ? string.Concat(address.AsSpan(0, Prefix.Length), "***", address.AsSpan(at))
            : address;
        return EngineText.Excerpt(shown, 200);
    }
}
