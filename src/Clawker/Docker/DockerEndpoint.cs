using Clawker.Diagnostics;

namespace Clawker.Docker;

/// <summary>The engine address chosen, and how it was chosen (every engine error message names both).</summary>
/// <param name="Uri">The engine address, for example <c>unix:///var/run/docker.sock</c>.</param>
/// <param name="Source">Which rule chose it.</param>
/// <param name="Reason">The same in words, for messages: for example <c>from DOCKER_HOST</c>.</param>
public sealed record DockerEndpoint(Uri Uri, DockerEndpointSource Source, string Reason)
{
    /// <summary>The socket file of a <c>unix://</c> endpoint; <see langword="null"/> for other schemes.</summary>
    public string? SocketPath => Uri.Scheme == "unix" ? Uri.LocalPath : null;

    /// <summary>How TLS is spoken to this <c>tcp://</c> endpoint; <see langword="null"/> for plain HTTP or a socket.</summary>
    public DockerTls? Tls { get; init; }

    /// <summary>
    /// What every surface reports about this endpoint besides errors: a warning (CLAWKER2012) when
    /// TLS is spoken without verifying the engine's certificate.
    /// </summary>
    public IReadOnlyList<ClawkerFinding> Findings => Tls is { Verify: false } tls
        ? [new ClawkerFinding(ClawkerPolicy.Warning, ErrorCodes.TlsNotVerified,
            $"The Docker engine at {this} is reached over TLS without checking its certificate ({tls.Origin}): anything on the network path can pose as it. " +
            "Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to a folder with the engine's ca.pem (or drop SkipTLSVerify from the docker context).")]
        : [];

    /// <summary>The address, how it was chosen, and TLS when spoken, for example <c>tcp://docker:2376 (from DOCKER_HOST; TLS verified with /certs/client/ca.pem, ...)</c>.</summary>
    public override string ToString() => Tls is null ? $"{Display(Uri)} ({Reason})" : $"{Display(Uri)} ({Reason}; {Tls})";

    // Show the address as given, but never credentials someone put in it (tcp://user:secret@host).
    private static string Display(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.OriginalString : uri.OriginalString.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal);
}
