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

    /// <summary>An image asset override is missing or unreadable.</summary>
    public const string AssetOverrideMissing = "CLAWKER3001";

    /// <summary>An image option is invalid.</summary>
    public const string InvalidImageOption = "CLAWKER3002";

    /// <summary>The bundle's files cannot be written (folder not writable, disk full) or are missing.</summary>
    public const string BundleFilesUnavailable = "CLAWKER3003";

    /// <summary>An image asset resolves (through a link) to a file outside the folders assets may come from.</summary>
    public const string AssetOutsideTree = "CLAWKER3004";

    /// <summary>The engine failed to build the image.</summary>
    public const string ImageBuildFailed = "CLAWKER4001";

    /// <summary>The engine cannot build images.</summary>
    public const string ImageBuilderUnavailable = "CLAWKER4002";

    /// <summary>This MSBuild cannot run Clawker's .NET tasks (.NET Framework MSBuild before 18.0).</summary>
    public const string MSBuildHostUnsupported = "CLAWKER5001";

    /// <summary>A Clawker MSBuild property has a value the tasks cannot use.</summary>
    public const string InvalidBuildProperty = "CLAWKER5002";

    /// <summary>A Clawker MSBuild property was renamed; the old name still works (a warning).</summary>
    public const string DeprecatedBuildProperty = "CLAWKER5003";

    /// <summary>A failure Clawker has no code for; the message names its type, never its text.</summary>
    public const string UnexpectedFailure = "CLAWKER9001";
}
