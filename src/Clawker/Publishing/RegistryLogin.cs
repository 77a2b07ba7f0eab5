using Docker.DotNet.Models;

namespace Clawker.Publishing;

/// <summary>
/// Credentials for one registry and where they came from. Holds secrets: <see cref="ToString"/>
/// names only the source, and nothing here is ever logged.
/// </summary>
/// <param name="serverAddress">The key the credentials were found under, as the engine expects it in <c>serveraddress</c>.</param>
/// <param name="source">Where they came from, for messages: never what they are.</param>
/// <param name="username">The user, if any.</param>
/// <param name="password">The password, if any.</param>
/// <param name="identityToken">The identity (refresh) token, if any.</param>
internal sealed class RegistryLogin(string serverAddress, string source, string? username, string? password, string? identityToken)
{
    public string ServerAddress { get; } = serverAddress;

    public string Source { get; } = source;

    public string? Username { get; } = username;

    public string? Password { get; } = password;

    public string? IdentityToken { get; } = identityToken;

    /// <summary>Whether there is anything to send (a helper that knows no login gives none).</summary>
    public bool IsAnonymous => Username is null && Password is null && IdentityToken is null;

    /// <summary>The engine's <c>X-Registry-Auth</c> body (Docker.DotNet encodes it); empty for anonymous.</summary>
    public AuthConfig ToAuthConfig() => IsAnonymous
        ? new AuthConfig()
        : new AuthConfig { Username = Username, Password = Password, IdentityToken = IdentityToken, ServerAddress = ServerAddress };

    /// <summary>
    /// The secrets, for scrubbing any text that must not carry them: as they are, as a JSON string
    /// carries them (an engine quoting a request body), and the <c>user:password</c> base64 of an
    /// <c>auths</c> entry or a Basic header.
    /// </summary>
    public IEnumerable<string> Secrets()
    {
        var secrets = new List<string>();
        foreach (var secret in new[] { Password, IdentityToken })
        {
            if (secret is { Length: >= 4 })
            {
                secrets.Add(secret);
                secrets.Add(secret.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal));
            }
        }

        if (Password is { Length: >= 4 })
        {
            secrets.Add(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        }

        // The longest first: a JSON form holds pieces of the plain one.
        return secrets.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length);
    }

    public override string ToString() => $"registry login from {Source}";
}
