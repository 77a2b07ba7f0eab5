using System.Globalization;

namespace Clawker.Keyring;

/// <summary>
/// The <c>apiKeyHelper</c> step of Claude Code's precedence (after <c>ANTHROPIC_API_KEY</c>,
/// before <c>CLAUDE_CODE_OAUTH_TOKEN</c>): found in the settings files, its command resolved,
/// and, on request, run. Also the check of <c>CLAUDE_CODE_API_KEY_HELPER_TTL_MS</c>.
/// </summary>
internal static class ApiKeyHelperCheck
{
    /// <summary>What <see cref="CredentialCheckResult.OverriddenBy"/> holds when the helper is the source.</summary>
    public const string OverrideName = ClaudeCodeSettings.ApiKeyHelperKey;

    /// <summary>Claude Code's variable for how long a helper's key is reused, in milliseconds.</summary>
    public const string TtlVariable = "CLAUDE_CODE_API_KEY_HELPER_TTL_MS";

    /// <summary>The result naming the helper as the source, or <see langword="null"/> when no settings file sets one.</summary>
    /// <exception cref="CredentialException">CLAWKER1011 (a settings file), 1012 (does not resolve); when run: 1002, 1006, 1013.</exception>
    public static async Task<CredentialCheckResult?> CheckAsync(CredentialCheckOptions options, TimeSpan timeout, List<string> notes, CancellationToken cancellationToken)
    {
        var environment = options.Environment;
        var managed = options.ManagedSettingsDirectory ?? ClaudeCodeSettings.ManagedDirectory(environment);
        var files = ClaudeCodeSettings.Files(environment, options.ProjectDirectory, managed);
        if (await ClaudeCodeSettings.FindApiKeyHelperAsync(files, timeout, notes, cancellationToken).ConfigureAwait(false) is not { } helper)
        {
            return null;
        }

        var workingDirectory = options.ProjectDirectory is { } project && Directory.Exists(project) ? project : Directory.GetCurrentDirectory();
        var resolved = ApiKeyHelperCommand.Resolve(helper, environment, workingDirectory);
        string ran;
        if (options.RunApiKeyHelper)
        {
            await ApiKeyHelperRunner.RunAsync(helper, environment, workingDirectory, timeout, cancellationToken).ConfigureAwait(false);
            ran = "it ran, exited 0 and printed a key";
        }
        else
        {
            ran = "not run (ClawkerRunApiKeyHelper / RunApiKeyHelper runs it)";
        }

        return new CredentialCheckResult($"the {helper} (command: {resolved}; {ran})", OverrideName, null, [], notes);
    }

    /// <summary>Refuses a <c>CLAUDE_CODE_API_KEY_HELPER_TTL_MS</c> that is set but not a positive whole number.</summary>
    /// <exception cref="CredentialException">InvalidVariable (<c>CLAWKER1014</c>).</exception>
    public static void CheckTtl(ClawkerEnvironment environment)
    {
        if (environment.Variable(TtlVariable) is not { } text)
        {
            return;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms <= 0)
        {
            // The value is only ever a number; anything else is not shown (it may be a pasted key).
            throw new CredentialException(CredentialErrorKind.InvalidVariable, TtlVariable,
                $"{TtlVariable} is set but is not a positive whole number of milliseconds ({text.Length} characters). Claude Code reads it as how long to reuse the apiKeyHelper's key: set it to, for example, 300000 (5 minutes), or unset it.");
        }
    }
}
