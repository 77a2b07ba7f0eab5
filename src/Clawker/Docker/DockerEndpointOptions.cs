namespace Clawker.Docker;

/// <summary>How to find and talk to the Docker engine. Every property is optional.</summary>
public sealed record DockerEndpointOptions
{
    /// <summary>Default bound of connecting and the first exchange (the version check).</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Default bound of one API request.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An explicit engine address (<c>unix:///path</c>, <c>tcp://host:port</c>, <c>npipe://...</c>),
    /// like the docker CLI's <c>--host</c>; wins over <c>DOCKER_HOST</c> and contexts.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>What the caller calls <see cref="Host"/> in its own surface (for example <c>ClawkerDockerHost</c>), used in messages.</summary>
    public string HostOptionName { get; init; } = "the host option";

    /// <summary>Where environment variables, the home folder and sockets are looked up; the process by default.</summary>
    public ClawkerEnvironment Environment { get; init; } = ClawkerEnvironment.Process;

    /// <summary>Bounds connecting and the first exchange with the engine (the version check).</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>Bounds each later API request.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>Wraps the HTTP handler (tests and benchmarks count requests with it).</summary>
    internal Func<HttpMessageHandler, HttpMessageHandler>? WrapHandler { get; init; }
}
