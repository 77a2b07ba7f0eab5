using System.Text;
using System.Text.Json;
using Clawker.Docker;

namespace Clawker.Publishing;

/// <summary>
/// Finds the login for a registry as the docker CLI does: <c>credHelpers.&lt;server&gt;</c>, else
/// <c>credsStore</c>, else <c>auths.&lt;server&gt;</c> (<c>auth</c> or <c>identitytoken</c>; a key
/// written as a URL, <c>https://host:5000/v1/</c>, matches by its host) in <c>$DOCKER_CONFIG</c> or
/// <c>~/.docker/config.json</c>; before all of them, a user name with the <em>name</em> of an
/// environment variable holding the password (CI). No login found is anonymous, as for the CLI.
/// </summary>
internal static class RegistryCredentials
{
    private const string Consequence = "so the registry credentials cannot be read. Fix or remove the file, or set the registry user name and password variable.";

    public static async Task<RegistryLogin> ResolveAsync(RegistryName registry, ImagePushOptions options, ClawkerEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            return await FindAsync(registry, options, environment, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException e)
        {
            // config.json unusable: content-free by contract (position only), so its message may travel on.
            throw new RegistryException(RegistryErrorKind.CredentialsUnavailable, registry.Server, e.Message, e);
        }
    }

    private static async Task<RegistryLogin> FindAsync(RegistryName registry, ImagePushOptions options, ClawkerEnvironment environment, CancellationToken cancellationToken)
    {
        if (Diagnostics.ClawkerSettingParser.Text(options.RegistryPasswordVariable) is { } variable)
        {
            var source = $"the environment variable {variable} (user from the registry user name setting)";
            var password = environment.Variable(variable) ?? throw new RegistryException(
                RegistryErrorKind.CredentialsUnavailable,
                registry.Server,
                $"The environment variable {variable}, named by the registry password variable setting (MSBuild ClawkerRegistryPasswordVariable, Cake RegistryPasswordVariable), is not set or empty. Set it in the CI job's secrets, or unset the setting to use docker's config.json.")
            { CredentialSource = source };
            return new RegistryLogin(registry.CredentialKey, source, Diagnostics.ClawkerSettingParser.Text(options.RegistryUsername), password, null);
        }

        var store = DockerContextStore.For(environment, options.ConfigReadTimeout);
        var document = store.ReadConfig(Consequence);
        using (document)
        {
            var root = document?.RootElement;
            var file = store.ConfigFile;
            var key = registry.CredentialKey;
            if (root is { ValueKind: JsonValueKind.Object } config)
            {
                if (Member(config, "credHelpers", key, file) is { } helper)
                {
                    var source = $"credHelpers.{key} ({CredentialHelper.Prefix}{helper}) in {file}";
                    return await FromHelperAsync(helper, registry, source, environment, options, cancellationToken).ConfigureAwait(false);
                }

                if (String(config, "credsStore", file) is { Length: > 0 } store2)
                {
                    var source = $"credsStore ({CredentialHelper.Prefix}{store2}) in {file}";
                    return await FromHelperAsync(store2, registry, source, environment, options, cancellationToken).ConfigureAwait(false);
                }

                if (FromAuths(config, key, file) is { } login)
                {
                    return login;
                }
            }

            return new RegistryLogin(key, document is null ? $"no credentials ({file} does not exist)" : $"no credentials (none for {key} in {file})", null, null, null);
        }
    }

    private static async Task<RegistryLogin> FromHelperAsync(string helper, RegistryName registry, string source, ClawkerEnvironment environment, ImagePushOptions options, CancellationToken cancellationToken)
    {
        if (helper.Length == 0 || helper.Length > 100 || !helper.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new RegistryException(RegistryErrorKind.HelperMissing, registry.Server, $"The credential helper name of {source.Split(' ')[0]} is not a program name ({helper.Length} characters). Fix config.json.") { CredentialSource = source };
        }

        return await CredentialHelper.GetAsync(helper, registry.CredentialKey, source, environment, options.CredentialHelperTimeout, cancellationToken).ConfigureAwait(false)
            ?? new RegistryLogin(registry.CredentialKey, $"no credentials ({source} knows no login for {registry.CredentialKey})", null, null, null);
    }

    private static RegistryLogin? FromAuths(JsonElement config, string key, string file)
    {
        if (!config.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // Exact key first, then (the CLI's legacy rule) a key whose host is the server.
        var match = auths.EnumerateObject().Where(p => p.Name == key).Concat(auths.EnumerateObject().Where(p => HostOf(p.Name) == key)).FirstOrDefault();
        if (match.Value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var source = $"auths.{match.Name} in {file}";
        if (String(match.Value, "identitytoken", file) is { Length: > 0 } token)
        {
            return new RegistryLogin(key, source, User(match.Value, file, source, key), null, token);
        }

        if (String(match.Value, "auth", file) is not { Length: > 0 } auth)
        {
            return null;
        }

        var (user, password) = Decode(auth, source, key);
        return new RegistryLogin(key, source, user, password, null);
    }

    private static string? User(JsonElement entry, string file, string source, string key) =>
        String(entry, "auth", file) is { Length: > 0 } auth ? Decode(auth, source, key).User : null;

    private static (string User, string Password) Decode(string auth, string source, string key)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return (text[..colon], text[(colon + 1)..].Trim('\0'));
            }
        }
        catch (FormatException)
        {
            // Reported below, without the value.
        }

        throw new RegistryException(
            RegistryErrorKind.CredentialsUnavailable,
            key,
            $"The auth value of {source} is not base64 of user:password. Log in again with `docker login {key}`.")
        { CredentialSource = source };
    }

    /// <summary>The CLI's ConvertToHostname: a URL's host[:port], else the text up to the first slash.</summary>
    internal static string HostOf(string key)
    {
        var rest = key.Contains("://", StringComparison.Ordinal) ? key[(key.IndexOf("://", StringComparison.Ordinal) + 3)..] : key;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    private static string? Member(JsonElement config, string map, string key, string file) =>
        config.TryGetProperty(map, out var helpers) && helpers.ValueKind == JsonValueKind.Object && helpers.TryGetProperty(key, out var name) && name.ValueKind == JsonValueKind.String
            ? DockerContextStore.Text(name, file)
            : null;

    private static string? String(JsonElement element, string name, string file) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? DockerContextStore.Text(value, file) : null;
}
