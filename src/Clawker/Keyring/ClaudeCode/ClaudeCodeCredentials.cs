using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clawker.IO;

namespace Clawker.Keyring;

/// <summary>
/// Claude Code's own login, read (never written) from where Claude Code keeps it: first the OS
/// keychain item, then Claude Code's credentials file. See docs/keyring.md.
/// </summary>
public static class ClaudeCodeCredentials
{
    /// <summary>The keychain service Claude Code uses when <c>CLAUDE_CONFIG_DIR</c> is unset.</summary>
    public const string KeychainServiceName = "Claude Code-credentials";

    /// <summary>The most the credentials file is read: Claude Code's login is a few KiB, with MCP OAuth data a few more.</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>The variable that moves Claude Code's configuration (and renames its keychain item).</summary>
    public const string ConfigDirVariable = "CLAUDE_CONFIG_DIR";

    /// <summary>The long-lived token from <c>claude setup-token</c>; Claude Code honours it after <c>apiKeyHelper</c>.</summary>
    private const string OAuthTokenVariable = "CLAUDE_CODE_OAUTH_TOKEN";

    /// <summary>Variables that make Claude Code ignore the stored login, in the order Claude Code honours them (the <c>apiKeyHelper</c> setting comes between the last two).</summary>
    public static IReadOnlyList<string> OverrideVariables { get; } =
    [
        "CLAUDE_CODE_USE_BEDROCK",
        "CLAUDE_CODE_USE_VERTEX",
        "CLAUDE_CODE_USE_FOUNDRY",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_API_KEY",
        OAuthTokenVariable,
    ];

    /// <summary>
    /// Finds Claude Code's login and checks it. Sources, in order: the OS keychain item, then the
    /// credentials file; a keychain that has no item, is unavailable or times out is passed over
    /// (noted in <see cref="CredentialCheckResult.Notes"/>). When an override variable is set, no
    /// store is read and the result says which variable.
    /// </summary>
    /// <param name="options">Keyring timeout and backend, environment, clock.</param>
    /// <param name="cancellationToken">Cancels the keychain read.</param>
    /// <returns>The login, its source and findings; or the overriding variable.</returns>
    /// <exception cref="CredentialException">
    /// The first source holding an entry has a bad one (Empty, InvalidSchema, Expired); or every
    /// source failed: NotFound, except that on macOS, where the Keychain is Claude Code's own
    /// store, an unavailable or timed-out Keychain wins over a missing file.
    /// </exception>
    public static async Task<CredentialCheckResult> CheckAsync(CredentialCheckOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = options.Environment;
        ApiKeyHelperCheck.CheckTtl(environment);
        var timeout = new KeyringOptions { Timeout = options.KeyringTimeout, Environment = environment }.ResolveTimeout();

        // Claude Code's order: the variables before the helper, the helper, then CLAUDE_CODE_OAUTH_TOKEN.
        if (FindOverride(environment, OverrideVariables.Take(OverrideVariables.Count - 1)) is { } variable)
        {
            return Overridden(variable);
        }

        var notes = new List<string>();
        if (await ApiKeyHelperCheck.CheckAsync(options, timeout, notes, cancellationToken).ConfigureAwait(false) is { } helper)
        {
            return helper;
        }

        if (FindOverride(environment, [OAuthTokenVariable]) is { } token)
        {
            return Overridden(token);
        }

        var service = Service(environment, options.TimeProvider);
        var keyring = options.CreateKeyring();
        CredentialException? keychainFailure = null;
        if (keyring.Kind != KeyringBackendKind.None)
        {
            try
            {
                return Result(await service.GetAsync(keyring, cancellationToken).ConfigureAwait(false), options.TimeProvider, notes);
            }
            catch (CredentialException e) when (e.Kind is CredentialErrorKind.NotFound or CredentialErrorKind.Unavailable or CredentialErrorKind.Timeout)
            {
                keychainFailure = e;
                notes.Add($"{e.Code}: {e.Message}");
            }
        }

        var file = CredentialsFile(environment);
        var source = $"file {file}";
        var text = await ReadFileAsync(file, source, timeout, cancellationToken).ConfigureAwait(false);
        if (text is not null)
        {
            return Result(service.Interpret(text, source), options.TimeProvider, notes);
        }

        var looked = keychainFailure is null
            ? $"the keyring is switched off ({KeyringOptions.BackendVariable}=none), and there is no {source}"
            : keychainFailure.Kind == CredentialErrorKind.NotFound
                ? $"no item in {keychainFailure.Store}, and no {source}"
                : $"{keychainFailure.Store} could not be read ({keychainFailure.Code}), and there is no {source}";
        if (keychainFailure is { Kind: not CredentialErrorKind.NotFound } && keyring.Kind == KeyringBackendKind.Keychain)
        {
            // On macOS the login lives in the Keychain: "log in again" would be the wrong advice.
            var message = $"{keychainFailure.Message} There is no {source} either.";
            throw new CredentialException(keychainFailure.Kind, keychainFailure.Store, message, keychainFailure);
        }

        throw new CredentialException(CredentialErrorKind.NotFound,
            $"{(keychainFailure?.Store ?? "no keyring")}; {source}",
            $"No Claude Code login found: {looked}. Run 'claude' and log in (/login), or give the agent ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN.",
            keychainFailure);
    }

    /// <summary>The first variable (in Claude Code's order) that makes the stored login irrelevant, or <see langword="null"/>.</summary>
    /// <param name="environment">Where to read the variables.</param>
    /// <returns>The variable's name, or <see langword="null"/>.</returns>
    public static string? FindOverride(ClawkerEnvironment environment) => FindOverride(environment, OverrideVariables);

    private static CredentialCheckResult Overridden(string variable) => new($"environment variable {variable}", variable, null, [], []);

    private static string? FindOverride(ClawkerEnvironment environment, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in names)
        {
            var value = environment.Variable(name);
            var set = name.StartsWith("CLAUDE_CODE_USE_", StringComparison.Ordinal)
                ? value is not null && value.Trim().ToUpperInvariant() is "1" or "TRUE" or "YES" or "ON"
                : value is not null;
            if (set)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The keychain service: <c>Claude Code-credentials</c>, or with <c>CLAUDE_CONFIG_DIR</c> set, that plus '-' and the first 8 hex digits of SHA-256 of the NFC-normalised directory.</summary>
    /// <param name="environment">Where to read <c>CLAUDE_CONFIG_DIR</c>.</param>
    /// <returns>The service name.</returns>
    public static string KeychainService(ClawkerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.Variable(ConfigDirVariable) is not { } dir)
        {
            return KeychainServiceName;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(dir.Normalize(NormalizationForm.FormC)));
        return $"{KeychainServiceName}-{Convert.ToHexString(hash, 0, 4).ToLowerInvariant()}";
    }

    /// <summary>Claude Code's credentials file: <c>$CLAUDE_CONFIG_DIR/.credentials.json</c>, else <c>~/.claude/.credentials.json</c>.</summary>
    /// <param name="environment">Where to read <c>CLAUDE_CONFIG_DIR</c> and the home directory.</param>
    /// <returns>The file's path.</returns>
    public static string CredentialsFile(ClawkerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var dir = environment.Variable(ConfigDirVariable) ?? Path.Combine(environment.HomeDirectory, ".claude");
        return Path.Combine(dir, ".credentials.json");
    }

    /// <summary>The pipeline for Claude Code's keychain item: service by <see cref="KeychainService"/>, account = OS user, <see cref="Parse"/>, expiry check.</summary>
    /// <param name="environment">Where the service name and the OS user come from.</param>
    /// <param name="time">The clock that decides expiry.</param>
    /// <returns>The service definition.</returns>
    internal static ServiceDef<ClaudeCodeCredential> Service(ClawkerEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(time);
        return new ServiceDef<ClaudeCodeCredential>
        {
            ServiceName = KeychainService(environment),
            ResolveUser = () => environment.UserName,
            Parse = Parse,
            Validate = (credential, source) =>
            {
                if (credential.IsExpiredAt(time.GetUtcNow()) && credential.RefreshToken is null)
                {
                    throw new CredentialException(CredentialErrorKind.Expired,
                        source,
                        $"The Claude Code access token in {source} expired at {credential.ExpiresAt!.Value.ToString("u", CultureInfo.InvariantCulture)} and there is no refresh token. Log in again with 'claude' (/login).");
                }
            },
        };
    }

    /// <summary>Parses Claude Code's credential JSON. Unknown keys are allowed. Messages name the field, never its content.</summary>
    /// <param name="json">The stored JSON.</param>
    /// <returns>The typed login.</returns>
    /// <exception cref="JsonException">Not JSON.</exception>
    /// <exception cref="FormatException">JSON, but not Claude Code's shape.</exception>
    public static ClaudeCodeCredential Parse(string json)
    {
        using var document = ParseDocument(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the top level is not a JSON object");
        }

        if (!root.TryGetProperty("claudeAiOauth", out var oauth) || oauth.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("there is no 'claudeAiOauth' object");
        }

        var access = OptionalString(oauth, "accessToken", "claudeAiOauth.accessToken");
        if (string.IsNullOrWhiteSpace(access))
        {
            throw new FormatException("'claudeAiOauth.accessToken' is missing or blank");
        }

        var refresh = OptionalString(oauth, "refreshToken", "claudeAiOauth.refreshToken");
        return new ClaudeCodeCredential(
            new SecretBlob(access),
            string.IsNullOrWhiteSpace(refresh) ? null : new SecretBlob(refresh),
            ExpiresAt(oauth),
            Scopes(oauth),
            OptionalString(oauth, "subscriptionType", "claudeAiOauth.subscriptionType"),
            OptionalString(oauth, "rateLimitTier", "claudeAiOauth.rateLimitTier"),
            OrganizationUuid(root));
    }

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (ArgumentException)
        {
            // A lone UTF-16 surrogate cannot be transcoded to UTF-8 for the reader.
            throw new FormatException("the text is not valid Unicode");
        }
    }

    internal static CredentialCheckResult Result(StoredCredential<ClaudeCodeCredential> stored, TimeProvider time, List<string> notes)
    {
        var findings = new List<CredentialFinding>();
        if (stored.Value.IsExpiredAt(time.GetUtcNow()))
        {
            findings.Add(CredentialFinding.ExpiredButRefreshable); // Validate already refused expiry without a refresh token.
        }

        if (stored.Value.LacksInferenceScope)
        {
            findings.Add(CredentialFinding.ScopeMissingInference);
        }

        notes.AddRange(stored.Notes);
        return new CredentialCheckResult(stored.Source, null, stored, findings, notes);
    }

    /// <summary>
    /// The credentials file's text, or <see langword="null"/> when there is none. Only a regular
    /// file is read (a FIFO would block, <c>/dev/zero</c> never ends), at most <see cref="MaxFileBytes"/>,
    /// as strict UTF-8 (the rule the keychain path applies too), within the keyring's time bound.
    /// Something at the path that cannot be a login is InvalidSchema, as a bad keychain item is:
    /// an error to fix, not a missing login to warn about.
    /// </summary>
    private static async Task<string?> ReadFileAsync(string path, string source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await RegularFile.Bounded(() => RegularFile.ReadText(path, MaxFileBytes), path, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.NotFound)
        {
            return null;
        }
        catch (FileReadException e) when (e.Failure is FileReadFailure.NotRegular or FileReadFailure.TooLarge)
        {
            throw new CredentialException(CredentialErrorKind.InvalidSchema, source, $"{source} cannot be Claude Code's credentials file: {e.Reason}. Remove it, then log in again with 'claude' (/login).", e);
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.NotText)
        {
            throw new CredentialException(CredentialErrorKind.InvalidSchema, source, $"The credential in {source} is not in the expected format: {e.Reason}. Log in again to rewrite it.", e);
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.TimedOut)
        {
            throw new CredentialException(CredentialErrorKind.Timeout,
                source,
                $"{source} could not be read within {timeout.TotalMilliseconds:0} ms (a stalled file system?). Check the file system it is on, or raise the timeout with {KeyringOptions.TimeoutVariable} (or the build's keyring timeout option).",
                e);
        }
        catch (FileReadException e)
        {
            throw new CredentialException(CredentialErrorKind.NotFound, source, $"Cannot read {source}: {e.Reason}. Check its permissions (Claude Code writes it with mode 0600 for the user who runs it).", e);
        }
    }

    private static string? OptionalString(JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException($"'{field}' is not a string");
    }

    private static DateTimeOffset? ExpiresAt(JsonElement oauth)
    {
        if (!oauth.TryGetProperty("expiresAt", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var ms)
            || ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new FormatException("'claudeAiOauth.expiresAt' is not an integer number of milliseconds since 1970");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private static List<string>? Scopes(JsonElement oauth)
    {
        if (!oauth.TryGetProperty("scopes", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
        {
            throw new FormatException("'claudeAiOauth.scopes' is not a list of strings");
        }

        return [.. value.EnumerateArray().Select(s => s.GetString()!)];
    }

    private static Guid? OrganizationUuid(JsonElement root)
    {
        if (!root.TryGetProperty("organizationUuid", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Guid.TryParseExact(value.GetString(), "D", out var id)
            ? id
            : throw new FormatException("'organizationUuid' is not a UUID");
    }
}
