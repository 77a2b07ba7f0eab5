using Clawker.Docker;

namespace Clawker.Publishing;

/// <summary>The coded errors of a push, from the registry's API or from the engine's push stream.</summary>
internal static class PushFailures
{
    public static RegistryException AuthenticationFailed(string server, string source, string why) => new(
        RegistryErrorKind.AuthenticationFailed,
        server,
        $"The registry {server} refused the credentials from {source} ({why}). Log in again (`docker login {server}`), or fix the password the source holds.")
    { CredentialSource = source };

    public static RegistryException AccessDenied(string server, string source, string repository) => new(
        RegistryErrorKind.AccessDenied,
        server,
        $"The registry {server} denied pushing to {repository} with the credentials from {source}. Ask for push access to that repository, or point the registry setting at one you may push to.")
    { CredentialSource = source };

    public static RegistryException Unreachable(string server, string where, string why) => new(
        RegistryErrorKind.Unreachable,
        server,
        $"The registry {server} cannot be reached at {where}: {why}. Check the name and port, the network, and (for TLS) that the registry's certificate is trusted.");

    /// <summary>Classifies the engine's own error text (it arrives inside an HTTP 200 stream), with any secret scrubbed.</summary>
    public static RegistryException FromEngine(string server, RegistryLogin login, string repository, string engineText, string endpoint)
    {
        var text = engineText;
        foreach (var secret in login.Secrets())
        {
            text = text.Replace(secret, "[secret]", StringComparison.Ordinal);
        }

        text = EngineText.Excerpt(text, 300);
        var lower = text.ToLowerInvariant();
        if (lower.Contains("unauthorized", StringComparison.Ordinal) || lower.Contains("authentication required", StringComparison.Ordinal) || lower.Contains("no basic auth credentials", StringComparison.Ordinal))
        {
            return AuthenticationFailed(server, login.Source, $"the engine at {endpoint} reported: {text}");
        }

        if (lower.Contains("denied", StringComparison.Ordinal) || lower.Contains("forbidden", StringComparison.Ordinal))
        {
            return AccessDenied(server, login.Source, repository);
        }

        // A registry that takes no writes answers the upload's POST with 405 (distribution's
        // read-only mode; its body "Method not allowed" is not JSON, which dockerd also says).
        if (lower.Contains("405", StringComparison.Ordinal) && lower.Contains("method not allowed", StringComparison.Ordinal))
        {
            return new RegistryException(
                RegistryErrorKind.ReadOnly,
                server,
                $"The registry {server} takes no pushes to {repository}: it refused the upload with 405 Method Not Allowed (read-only maintenance mode, or a pull-through cache or mirror). The engine at {endpoint} reported: {text}. Wait for the maintenance to end, or push to the registry itself.")
            { CredentialSource = login.Source };
        }

        if (lower.Contains("connection refused", StringComparison.Ordinal) || lower.Contains("no such host", StringComparison.Ordinal) || lower.Contains("x509", StringComparison.Ordinal)
            || lower.Contains("tls", StringComparison.Ordinal) || lower.Contains("timeout", StringComparison.Ordinal) || lower.Contains("dial tcp", StringComparison.Ordinal)
            || lower.Contains("network is unreachable", StringComparison.Ordinal) || lower.Contains("i/o timeout", StringComparison.Ordinal))
        {
            return Unreachable(server, $"the engine {endpoint}", text);
        }

        return new RegistryException(
            RegistryErrorKind.PushFailed,
            server,
            $"The engine at {endpoint} could not push {repository}: {text}. Check the engine's log and the registry's, then retry.")
        { CredentialSource = login.Source };
    }
}
