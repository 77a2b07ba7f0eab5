using Clawker.Diagnostics;

namespace Clawker.Publishing;

/// <summary>
/// Every failure pushing the agent image to a registry. <see cref="Kind"/> says why (filter on it,
/// as on a sentinel error). Messages name the registry and where the credentials came from,
/// never the credentials themselves.
/// </summary>
public sealed class RegistryException : ClawkerException
{
    internal RegistryException(RegistryErrorKind kind, string? registry, string message, Exception? innerException = null)
        : base(CodeFor(kind), message, innerException)
    {
        Kind = kind;
        Registry = registry;
    }

    /// <summary>Why the push failed.</summary>
    public RegistryErrorKind Kind { get; }

    /// <summary>The registry's server (<c>host[:port]</c>) when known.</summary>
    public string? Registry { get; }

    /// <summary>Where the credentials came from (for example <c>credHelpers.host:5000 in ~/.docker/config.json</c>), when known; never what they are.</summary>
    public string? CredentialSource { get; internal init; }

    internal static string CodeFor(RegistryErrorKind kind) => kind switch
    {
        RegistryErrorKind.AuthenticationFailed => ErrorCodes.RegistryAuthenticationFailed,
        RegistryErrorKind.AccessDenied => ErrorCodes.RegistryAccessDenied,
        RegistryErrorKind.Unreachable => ErrorCodes.RegistryUnreachable,
        RegistryErrorKind.HelperMissing => ErrorCodes.CredentialHelperMissing,
        RegistryErrorKind.HelperFailed => ErrorCodes.CredentialHelperFailed,
        RegistryErrorKind.HelperTimedOut => ErrorCodes.CredentialHelperTimedOut,
        RegistryErrorKind.CredentialsUnavailable => ErrorCodes.RegistryCredentialsUnavailable,
        RegistryErrorKind.RegistryNotConfigured => ErrorCodes.RegistryNotConfigured,
        RegistryErrorKind.PushFailed => ErrorCodes.ImagePushFailed,
        RegistryErrorKind.ReadOnly => ErrorCodes.RegistryReadOnly,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown registry error kind."),
    };
}
