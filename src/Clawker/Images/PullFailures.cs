using System.Net;
using Clawker.Diagnostics;
using Clawker.Docker;
using Clawker.Publishing;

namespace Clawker.Images;

/// <summary>The coded errors of pulling a base image with credentials; the engine's text with every secret scrubbed.</summary>
internal static class PullFailures
{
    public static ClawkerException FromEngine(BaseImageReference image, string? platform, RegistryLogin login, HttpStatusCode status, string engineText, string endpoint)
    {
        var server = image.Registry ?? "docker.io";
        var text = engineText;
        foreach (var secret in login.Secrets())
        {
            text = text.Replace(secret, "[secret]", StringComparison.Ordinal);
        }

        text = EngineText.Excerpt(text, 300);
        var lower = text.ToLowerInvariant();
        if (Has(lower, "unauthorized", "authentication required", "no basic auth credentials", "incorrect username or password"))
        {
            return new RegistryException(
                RegistryErrorKind.AuthenticationFailed,
                server,
                $"The registry {server} refused the credentials from {login.Source} for the base image {image.Reference} (the engine at {endpoint} reported: {text}). "
                + $"Log in again (`docker login {server}`), or fix the password the source holds.")
            { CredentialSource = login.Source };
        }

        if (platform is not null && (BuildFailures.IsPlatformRefusal(text) || lower.Contains("no matching manifest", StringComparison.Ordinal)))
        {
            return new ImageBuildException(
                ImageBuildErrorKind.PlatformUnsupported,
                $"The engine at {endpoint} cannot pull the base image {image.Reference} for platform {platform}: {text}. "
                + "Build for the engine's own platform (leave the platform unset), or use a base image published for that platform.",
                text,
                failedStep: null);
        }

        if (status == HttpStatusCode.NotFound || Has(lower, "manifest unknown", "not found", "denied", "does not exist", "name unknown"))
        {
            return new ImageBuildException(
                ImageBuildErrorKind.BaseImageNotFound,
                $"The registry {server} has no base image {image.Reference} that the credentials from {login.Source} may read (the engine at {endpoint} reported: {text}). "
                + "Check the base image's name and tag (the Dockerfile's FROM, ClawkerBaseImage / BaseImage), and that this login may pull it.",
                text,
                failedStep: null);
        }

        if (Has(lower, "connection refused", "no such host", "x509", "tls", "timeout", "dial tcp", "network is unreachable", "server gave http response"))
        {
            return new RegistryException(
                RegistryErrorKind.Unreachable,
                server,
                $"The engine at {endpoint} cannot reach the registry {server} for the base image {image.Reference}: {text}. Check the name and port, the engine's network, and (for TLS) that the engine trusts the registry's certificate.")
            { CredentialSource = login.Source };
        }

        return new ImageBuildException(
            ImageBuildErrorKind.BaseImagePullFailed,
            $"The engine at {endpoint} could not pull the base image {image.Reference} from {server} with the credentials from {login.Source}: {text}. Check the engine's log and the registry's, then build again.",
            text,
            failedStep: null);
    }

    private static bool Has(string text, params string[] parts) => parts.Any(p => text.Contains(p, StringComparison.Ordinal));
}
