namespace Clawker.Tests.Infrastructure;

/// <summary>
/// Runs real <c>dotnet</c> processes with a controlled environment: no MSBuild variables
/// inherited from the test host (it may itself run under <c>dotnet test</c>), no node reuse or
/// build server left behind, and none of the variables that override Claude Code's login.
/// </summary>
internal static class DotNetCli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly string[] Removed =
    [
        "CLAUDE_CONFIG_DIR", "CLAWKER_KEYRING", "CLAWKER_KEYRING_TIMEOUT_MS",
        .. Clawker.Keyring.ClaudeCodeCredentials.OverrideVariables,
    ];

    /// <summary>Runs <c>dotnet <paramref name="args"/></c>; <paramref name="environment"/> is laid over the controlled one (null removes).</summary>
    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunAsync(workingDirectory, environment, Timeout, args);

    /// <summary>The same, bounded by <paramref name="timeout"/> instead of <see cref="Timeout"/>.</summary>
    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, params string[] args)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || Removed.Contains(key, StringComparer.Ordinal))
            {
                env[key] = null;
            }
        }

        env["MSBUILDDISABLENODEREUSE"] = "1";
        env["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        env["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return ProcessRunner.RunAsync("dotnet", args, workingDirectory, env, timeout);
    }
}
