namespace Clawker.Diagnostics;

/// <summary>
/// The stable codes of every user-facing failure, shared by the library, the MSBuild tasks
/// and the Cake aliases. The table with causes and fixes is docs/errors.md; keep both in step.
/// </summary>
public static class ErrorCodes
{
    /// <summary>No Claude Code credential was found in any store.</summary>
    public const string CredentialNotFound = "CLAWKER1001";

    /// <summary>A credential entry exists but is blank.</summary>
    public const string CredentialEmpty = "CLAWKER1002";

    /// <summary>A credential entry is not the JSON Claude Code writes.</summary>
    public const string CredentialInvalidSchema = "CLAWKER1003";

    /// <summary>The access token has expired and there is no refresh token.</summary>
    public const string CredentialExpired = "CLAWKER1004";

    /// <summary>The access token has expired but Claude Code can refresh it.</summary>
    public const string CredentialExpiredRefreshable = "CLAWKER1005";

    /// <summary>The keyring did not answer within the timeout.</summary>
    public const string KeyringTimeout = "CLAWKER1006";

    /// <summary>The keyring cannot be used here (no session bus, no daemon, locked).</summary>
    public const string KeyringUnavailable = "CLAWKER1007";

    /// <summary>The credential's scopes do not include <c>user:inference</c>.</summary>
    public const string CredentialScopeMissing = "CLAWKER1008";

    /// <summary>A keyring setting (<c>CLAWKER_KEYRING</c>, <c>CLAWKER_KEYRING_TIMEOUT_MS</c>) has an unusable value.</summary>
    public const string InvalidKeyringSetting = "CLAWKER1009";

    /// <summary>A secret is larger than the keyring can store; nothing was written.</summary>
    public const string KeyringSecretTooLarge = "CLAWKER1010";

    /// <summary>The name of Clawker's volume-helper image is held by an image without clawker's labels.</summary>
    public const string VolumeHelperConflict = "CLAWKER1020";

    /// <summary>The host's login was copied into the globals volume: host and agents now share one refresh token (a warning).</summary>
    public const string GlobalsLoginSeeded = "CLAWKER1021";

    /// <summary>Seeding was asked for but not done: a login appeared on the volume, or there is no host login to copy (a warning).</summary>
    public const string GlobalsLoginNotSeeded = "CLAWKER1022";

    /// <summary>A Claude Code settings file (read for <c>apiKeyHelper</c>) cannot be used: not a regular file, too large, unreadable, not UTF-8 or not JSON, or <c>apiKeyHelper</c> is not a string.</summary>
    public const string ClaudeCodeSettingsInvalid = "CLAWKER1011";

    /// <summary>The <c>apiKeyHelper</c> command does not resolve: no such file, not executable, or its first word is not on PATH.</summary>
    public const string ApiKeyHelperNotFound = "CLAWKER1012";

    /// <summary>The <c>apiKeyHelper</c> command, run on request, exited with a non-zero code (or could not be started).</summary>
    public const string ApiKeyHelperFailed = "CLAWKER1013";

    /// <summary>A Claude Code variable has a value Claude Code cannot use (<c>CLAUDE_CODE_API_KEY_HELPER_TTL_MS</c> not a positive integer).</summary>
    public const string InvalidClaudeCodeVariable = "CLAWKER1014";

    /// <summary>The Docker engine cannot be reached.</summary>
    public const string EngineUnreachable = "CLAWKER2001";

    /// <summary>A volume of clawker's name exists with other labels.</summary>
    public const string VolumeLabelConflict = "CLAWKER2002";

    /// <summary>The Docker socket refused this user.</summary>
    public const string EnginePermissionDenied = "CLAWKER2003";

    /// <summary>The engine speaks an API older than 1.41.</summary>
    public const string EngineApiTooOld = "CLAWKER2004";

    /// <summary>The engine answered a request with an unexpected error.</summary>
    public const string EngineRequestFailed = "CLAWKER2005";

    /// <summary>A TLS file (ca.pem, cert.pem, key.pem) is missing, unreadable or not a usable PEM certificate or key.</summary>
    public const string TlsFilesUnusable = "CLAWKER2006";

    /// <summary>The TLS engine demands a client certificate and none was sent, or it refused the one sent.</summary>
    public const string TlsClientCertificateRefused = "CLAWKER2007";

    /// <summary>The engine's TLS certificate is not signed by the CA clawker trusts (or is expired).</summary>
    public const string TlsServerUntrusted = "CLAWKER2008";

    /// <summary>The engine's TLS certificate is for another name than the address used.</summary>
    public const string TlsNameMismatch = "CLAWKER2009";

    /// <summary>Plain HTTP was sent to an engine that speaks only TLS.</summary>
    public const string TlsRequired = "CLAWKER2010";

    /// <summary>TLS was spoken to an engine that speaks plain HTTP.</summary>
    public const string TlsNotSpoken = "CLAWKER2011";

    /// <summary>Warning: TLS is spoken without verifying the engine's certificate (DOCKER_TLS, SkipTLSVerify).</summary>
    public const string TlsNotVerified = "CLAWKER2012";

    /// <summary>An <c>ssh://</c> engine address cannot be used (a password, a query, an option-like or malformed user, host, port or path).</summary>
    public const string SshAddressInvalid = "CLAWKER2013";

    /// <summary>ssh refused the remote host's key (unknown or changed host key).</summary>
    public const string SshHostKeyRejected = "CLAWKER2014";

    /// <summary>The ssh server refused to log in (permission denied: no key it accepts).</summary>
    public const string SshAuthenticationFailed = "CLAWKER2015";

    /// <summary>ssh cannot reach the host (connection refused, timed out, unknown host name).</summary>
    public const string SshConnectFailed = "CLAWKER2016";

    /// <summary>ssh logged in, but the remote has no <c>docker</c> command on its PATH.</summary>
    public const string SshRemoteDockerMissing = "CLAWKER2017";

    /// <summary>The remote <c>docker</c> cannot reach an engine on the remote host.</summary>
    public const string SshRemoteEngineUnreachable = "CLAWKER2018";

    /// <summary>The ssh client cannot be run, or failed for another reason (its own message is quoted).</summary>
    public const string SshFailed = "CLAWKER2019";

    /// <summary>An image asset override is missing or unreadable.</summary>
    public const string AssetOverrideMissing = "CLAWKER3001";

    /// <summary>An image option is invalid.</summary>
    public const string InvalidImageOption = "CLAWKER3002";

    /// <summary>The bundle's files cannot be written (folder not writable, disk full) or are missing.</summary>
    public const string BundleFilesUnavailable = "CLAWKER3003";

    /// <summary>An image asset resolves (through a link) to a file outside the folders assets may come from.</summary>
    public const string AssetOutsideTree = "CLAWKER3004";

    /// <summary>The bundled settings set <c>apiKeyHelper</c> to a path that is not an executable file of the bundle.</summary>
    public const string ApiKeyHelperNotInBundle = "CLAWKER3005";

    /// <summary>The bundled settings set <c>apiKeyHelper</c> to a command the bundle cannot check (a warning).</summary>
    public const string ApiKeyHelperUnchecked = "CLAWKER3006";

    /// <summary>A file of the bundle is a Claude Code credentials file: it would be baked into the image.</summary>
    public const string CredentialFileInBundle = "CLAWKER3007";

    /// <summary>The bundled settings put a credential variable into <c>env</c>: it would be baked into the image.</summary>
    public const string CredentialInBundledSettings = "CLAWKER3008";

    /// <summary>A bundled Claude Code settings file is not a JSON object, or a setting the bundle checks has the wrong type.</summary>
    public const string BundledSettingsInvalid = "CLAWKER3009";

    /// <summary>The engine failed to build the image.</summary>
    public const string ImageBuildFailed = "CLAWKER4001";

    /// <summary>The engine cannot build images.</summary>
    public const string ImageBuilderUnavailable = "CLAWKER4002";

    /// <summary>A build argument or the target platform is not one the engine can take.</summary>
    public const string InvalidImageBuildInput = "CLAWKER4003";

    /// <summary>The engine cannot build for the target platform.</summary>
    public const string ImagePlatformUnsupported = "CLAWKER4004";

    /// <summary>The registry has no base image of that name that the credentials found for it may read.</summary>
    public const string BaseImageNotFound = "CLAWKER4005";

    /// <summary>Pulling a base image with registry credentials failed.</summary>
    public const string BaseImagePullFailed = "CLAWKER4006";

    /// <summary>This MSBuild cannot run Clawker's .NET tasks (.NET Framework MSBuild before 18.0).</summary>
    public const string MSBuildHostUnsupported = "CLAWKER5001";

    /// <summary>A Clawker MSBuild property has a value the tasks cannot use.</summary>
    public const string InvalidBuildProperty = "CLAWKER5002";

    /// <summary>A Clawker MSBuild property was renamed; the old name still works (a warning).</summary>
    public const string DeprecatedBuildProperty = "CLAWKER5003";

    /// <summary>A Clawker MSBuild task was interrupted (Ctrl+C) before it finished, in a build that does not cancel itself (<c>dotnet run</c>'s pre-run step).</summary>
    public const string BuildInterrupted = "CLAWKER5004";

    /// <summary>MSBuild's native task host took a task and ended without finishing it (MSBuild only).</summary>
    public const string NativeTaskHostFailed = "CLAWKER5005";

    /// <summary>The registry refused the credentials (wrong password or token).</summary>
    public const string RegistryAuthenticationFailed = "CLAWKER6001";

    /// <summary>The registry accepted the credentials but refused access to the repository.</summary>
    public const string RegistryAccessDenied = "CLAWKER6002";

    /// <summary>The registry cannot be reached (DNS, refused connection, TLS failure, timeout).</summary>
    public const string RegistryUnreachable = "CLAWKER6003";

    /// <summary>The docker credential helper named in config.json is not installed.</summary>
    public const string CredentialHelperMissing = "CLAWKER6004";

    /// <summary>The docker credential helper failed or printed something that is not its answer.</summary>
    public const string CredentialHelperFailed = "CLAWKER6005";

    /// <summary>The docker credential helper did not answer within its timeout (it was killed).</summary>
    public const string CredentialHelperTimedOut = "CLAWKER6006";

    /// <summary>The registry credentials cannot be read (the password variable is unset, config.json is unusable).</summary>
    public const string RegistryCredentialsUnavailable = "CLAWKER6007";

    /// <summary>The push was asked for without a registry, or with one that is not a registry name.</summary>
    public const string RegistryNotConfigured = "CLAWKER6008";

    /// <summary>The engine reported a push failure other than authentication or access.</summary>
    public const string ImagePushFailed = "CLAWKER6009";

    /// <summary>The registry takes no pushes (read-only maintenance mode, a pull-through cache or mirror).</summary>
    public const string RegistryReadOnly = "CLAWKER6010";

    /// <summary>A failure Clawker has no code for; the message names its type, never its text.</summary>
    public const string UnexpectedFailure = "CLAWKER9001";
}
