namespace Clawker.Docker;

/// <summary>How to find and talk to the Docker engine. Every property is optional.</summary>
public sealed record DockerEndpointOptions
{
    /// <summary>Default bound of connecting and the first exchange (the version check).</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Default bound of one API request.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    private readonly string? _host;
    private readonly string? _certPath;
    private readonly TimeSpan _connectTimeout = DefaultConnectTimeout;
    private readonly TimeSpan _requestTimeout = DefaultRequestTimeout;

    /// <summary>The options as a surface gives them: a blank host and unset timeouts mean the defaults.</summary>
    /// <param name="host">The engine address; blank for <c>DOCKER_HOST</c>, then contexts, then the default socket.</param>
    /// <param name="hostOptionName">What the surface calls the host setting, for messages.</param>
    /// <param name="environment">The environment; the process's when null.</param>
    /// <param name="connectTimeout">Bound of connecting; <see cref="DefaultConnectTimeout"/> when null.</param>
    /// <param name="requestTimeout">Bound of each request; <see cref="DefaultRequestTimeout"/> when null.</param>
    /// <returns>The options.</returns>
    public static DockerEndpointOptions Create(
        string? host, string hostOptionName, ClawkerEnvironment? environment = null, TimeSpan? connectTimeout = null, TimeSpan? requestTimeout = null) => new()
    {
        Host = host,
        HostOptionName = hostOptionName,
        Environment = environment ?? ClawkerEnvironment.Process,
        ConnectTimeout = connectTimeout ?? DefaultConnectTimeout,
        RequestTimeout = requestTimeout ?? DefaultRequestTimeout,
    };

    /// <summary>
    /// An explicit engine address (<c>unix:///path</c>, <c>tcp://host:port</c>, <c>npipe://...</c>),
    /// like the docker CLI's <c>--host</c>; wins over <c>DOCKER_HOST</c> and contexts. Trimmed; blank means none.
    /// </summary>
    public string? Host { get => _host; init => _host = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    /// <summary>What the caller calls <see cref="Host"/> in its own surface (for example <c>ClawkerDockerHost</c>), used in messages.</summary>
    public string HostOptionName { get; init; } = "the host option";

    /// <summary>
    /// The folder with <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> for TLS, like the docker CLI's
    /// <c>DOCKER_CERT_PATH</c>, which it wins over; blank for <c>DOCKER_CERT_PATH</c>, else <c>$DOCKER_CONFIG</c> or <c>~/.docker</c>.
    /// Applies to an address from <see cref="Host"/> or <c>DOCKER_HOST</c>; a docker context keeps its own TLS files.
    /// </summary>
    public string? CertPath { get => _certPath; init => _certPath = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    /// <summary>
    /// TLS with verification, like the docker CLI's <c>--tlsverify</c>: <see langword="true"/> turns it on,
    /// <see langword="false"/> ignores <c>DOCKER_TLS_VERIFY</c>, <see langword="null"/> (default) follows <c>DOCKER_TLS_VERIFY</c>.
    /// </summary>
    public bool? TlsVerify { get; init; }

    /// <summary>Where environment variables, the home folder and sockets are looked up; the process by default.</summary>
    public ClawkerEnvironment Environment { get; init; } = ClawkerEnvironment.Process;

    /// <summary>Bounds connecting and the first exchange with the engine (the version check).</summary>
    /// <exception cref="Diagnostics.ClawkerSettingException">Set to zero, a negative duration or more than <see cref="Diagnostics.ClawkerSettingParser.MaxTimeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> is allowed).</exception>
    public TimeSpan ConnectTimeout { get => _connectTimeout; init => _connectTimeout = Diagnostics.ClawkerSettingParser.Timeout(Diagnostics.SettingKeys.ConnectTimeout, value); }

    /// <summary>Bounds each later API request.</summary>
    /// <exception cref="Diagnostics.ClawkerSettingException">Set to zero, a negative duration or more than <see cref="Diagnostics.ClawkerSettingParser.MaxTimeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> is allowed).</exception>
    public TimeSpan RequestTimeout { get => _requestTimeout; init => _requestTimeout = Diagnostics.ClawkerSettingParser.Timeout(Diagnostics.SettingKeys.RequestTimeout, value); }

    /// <summary>
    /// What the caller's surface calls another engine setting, for messages: <c>ClawkerDockerCertPath</c> next to
    /// <c>ClawkerDockerHost</c>, <c>ClawkerVolumeSettings.DockerCertPath</c> next to <c>ClawkerVolumeSettings.DockerHost</c>.
    /// </summary>
    internal string OptionName(string setting, string libraryName) =>
        HostOptionName.EndsWith("DockerHost", StringComparison.Ordinal) ? HostOptionName[..^"DockerHost".Length] + setting : libraryName;

    /// <summary>Wraps the HTTP handler (tests and benchmarks count requests with it).</summary>
    internal Func<HttpMessageHandler, HttpMessageHandler>? WrapHandler { get; init; }

    /// <summary>Sees each ssh connection as it starts (tests count and end ssh processes with it).</summary>
    internal Action<Ssh.SshConnection>? WrapSshConnection { get; init; }
}
