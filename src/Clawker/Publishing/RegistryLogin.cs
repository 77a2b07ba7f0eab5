using Docker.DotNet.Models;

namespace Clawker.Publishing;

/// <summary>
/// Credentials for one registry and where they came from. Holds secrets: <see cref="ToString"/>
/// names only the source, and nothing here is ever logged.
/// </summary>
internal sealed class RegistryLogin
{
    public RegistryLogin(string serverAddress, string source, string? username, string? password, string? identityToken)
    {
        ServerAddress = serverAddress;
        Source = source;
        Username = username;
        Password = password;
        IdentityToken = identityToken;
    }

    /// <summary>The key the credentials were found under, as the engine expects it in <c>serveraddress</c>.</summary>
    public string ServerAddress { get; }

    /// <summary>Where they came from, for messages: never what they are.</summary>
    public string Source { get; }

    public string? Username { get; }

    public string? Password { get; }

    public string? IdentityToken { get; }

    /// <summary>Whether there is anything to send (a helper that knows no login gives none).</summary>
    public bool IsAnonymous => Username is null && Password is null && IdentityToken is null;

    /// <summary>The engine's <c>X-Registry-Auth</c> body (Docker.DotNet encodes it); empty for anonymous.</summary>
    public AuthConfig ToAuthConfig() => IsAnonymous
        ? new AuthConfig()
        : new AuthConfig { Username = Username, Password = Password, IdentityToken = IdentityToken, ServerAddress = ServerAddress };

    /// <summary>The secrets, for scrubbing any text that must not carry them.</summary>
    public IEnumerable<string> Secrets() => new[] { Password, IdentityToken }.Where(s => s is { Length: >= 4 })!;

    public override string ToString() => $"registry login from {Source}";
}
