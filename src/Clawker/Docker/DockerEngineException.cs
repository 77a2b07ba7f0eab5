using System.Net;
using Clawker.Diagnostics;

namespace Clawker.Docker;

/// <summary>
/// Every failure talking to the Docker engine. <see cref="Kind"/> says why (filter on it, as on a
/// sentinel error); <see cref="Endpoint"/> says which engine and how it was chosen. The other
/// properties are set for the kinds they name.
/// </summary>
public sealed class DockerEngineException : ClawkerException
{
    internal DockerEngineException(DockerEngineErrorKind kind, DockerEndpoint? endpoint, string message, Exception? innerException = null)
        : base(CodeFor(kind), message, innerException)
    {
        Kind = kind;
        Endpoint = endpoint;
    }

    /// <summary>Why talking to the engine failed.</summary>
    public DockerEngineErrorKind Kind { get; }

    /// <summary>The engine the failure happened at; <see langword="null"/> when the endpoint itself could not be chosen.</summary>
    public DockerEndpoint? Endpoint { get; }

    /// <summary>For <see cref="DockerEngineErrorKind.RequestFailed"/>: the HTTP status the engine answered with; otherwise <see langword="null"/>.</summary>
    public HttpStatusCode? StatusCode { get; private init; }

    /// <summary>For <see cref="DockerEngineErrorKind.ApiTooOld"/>: the API version the engine reported, for example <c>1.40</c>; otherwise <see langword="null"/>.</summary>
    public string? ApiVersion { get; private init; }

    /// <summary>For <see cref="DockerEngineErrorKind.VolumeLabelConflict"/>: the volume's name; otherwise <see langword="null"/>.</summary>
    public string? VolumeName { get; private init; }

    /// <summary>For <see cref="DockerEngineErrorKind.VolumeLabelConflict"/>: the labels found on the volume (empty when it has none); otherwise empty.</summary>
    public IReadOnlyDictionary<string, string> FoundLabels { get; private init; } = new Dictionary<string, string>();

    internal static string CodeFor(DockerEngineErrorKind kind) => kind switch
    {
        DockerEngineErrorKind.Unreachable => ErrorCodes.EngineUnreachable,
        DockerEngineErrorKind.VolumeLabelConflict => ErrorCodes.VolumeLabelConflict,
        DockerEngineErrorKind.PermissionDenied => ErrorCodes.EnginePermissionDenied,
        DockerEngineErrorKind.ApiTooOld => ErrorCodes.EngineApiTooOld,
        DockerEngineErrorKind.RequestFailed => ErrorCodes.EngineRequestFailed,
        DockerEngineErrorKind.TlsFilesUnusable => ErrorCodes.TlsFilesUnusable,
        DockerEngineErrorKind.TlsClientCertificateRefused => ErrorCodes.TlsClientCertificateRefused,
        DockerEngineErrorKind.TlsServerUntrusted => ErrorCodes.TlsServerUntrusted,
        DockerEngineErrorKind.TlsNameMismatch => ErrorCodes.TlsNameMismatch,
        DockerEngineErrorKind.TlsRequired => ErrorCodes.TlsRequired,
        DockerEngineErrorKind.TlsNotSpoken => ErrorCodes.TlsNotSpoken,
        DockerEngineErrorKind.SshAddressInvalid => ErrorCodes.SshAddressInvalid,
        DockerEngineErrorKind.SshHostKeyRejected => ErrorCodes.SshHostKeyRejected,
        DockerEngineErrorKind.SshAuthenticationFailed => ErrorCodes.SshAuthenticationFailed,
        DockerEngineErrorKind.SshConnectFailed => ErrorCodes.SshConnectFailed,
        DockerEngineErrorKind.SshRemoteDockerMissing => ErrorCodes.SshRemoteDockerMissing,
        DockerEngineErrorKind.SshRemoteEngineUnreachable => ErrorCodes.SshRemoteEngineUnreachable,
        DockerEngineErrorKind.SshFailed => ErrorCodes.SshFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Docker engine error kind."),
    };

    internal static DockerEngineException Unreachable(DockerEndpoint? endpoint, string message, Exception? innerException = null) =>
        new(DockerEngineErrorKind.Unreachable, endpoint, message, innerException);

    internal static DockerEngineException Tls(DockerEngineErrorKind kind, DockerEndpoint endpoint, string message, Exception? innerException = null) =>
        new(kind, endpoint, message, innerException);

    internal static DockerEngineException Ssh(DockerEngineErrorKind kind, DockerEndpoint? endpoint, string message, Exception? innerException = null) =>
        new(kind, endpoint, message, innerException);

    internal static DockerEngineException PermissionDenied(DockerEndpoint endpoint, string message, Exception? innerException = null) =>
        new(DockerEngineErrorKind.PermissionDenied, endpoint, message, innerException);

    internal static DockerEngineException RequestFailed(DockerEndpoint endpoint, HttpStatusCode statusCode, string message, Exception? innerException = null) =>
        new(DockerEngineErrorKind.RequestFailed, endpoint, message, innerException) { StatusCode = statusCode };

    internal static DockerEngineException ApiTooOld(DockerEndpoint endpoint, string apiVersion, string message) =>
        new(DockerEngineErrorKind.ApiTooOld, endpoint, message) { ApiVersion = apiVersion };

    internal static DockerEngineException VolumeLabelConflict(DockerEndpoint endpoint, string volumeName, IReadOnlyDictionary<string, string> foundLabels, string message) =>
        new(DockerEngineErrorKind.VolumeLabelConflict, endpoint, message) { VolumeName = volumeName, FoundLabels = foundLabels };
}
