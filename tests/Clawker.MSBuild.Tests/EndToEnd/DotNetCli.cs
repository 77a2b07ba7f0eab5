using System.Diagnostics;
using System.Text;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>The output of one <c>dotnet</c> process: exit code and stdout+stderr interleaved.</summary>
internal sealed record CliResult(int ExitCode, string Output, string CommandLine)
{
    public CliResult ShouldSucceed()
    {
        ExitCode.ShouldBe(0, $"{CommandLine} failed:\n{Output}");
        return this;
    }

    public CliResult ShouldFail()
    {
        ExitCode.ShouldNotBe(0, $"{CommandLine} should have failed:\n{Output}");
        return this;
    }
}

/// <summary>
/// Runs real <c>dotnet</c> processes with a controlled environment: no MSBuild variables
/// inherited from the test host (it may itself run under <c>dotnet test</c>), no node reuse or
/// build server left behind, and none of the variables that override Claude Code's login.
/// </summary>
internal static class DotNetCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly string[] Removed =
    [
        "CLAUDE_CONFIG_DIR", "CLAWKER_KEYRING", "CLAWKER_KEYRING_TIMEOUT_MS",
        .. Clawker.Keyring.ClaudeCodeCredentials.OverrideVariables,
    ];

    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || Removed.Contains(key, StringComparer.Ordinal))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish within {Timeout}:\n{output}");
        }

        process.WaitForExit(); // drains the redirected streams
        lock (output)
        {
            return new CliResult(process.ExitCode, output.ToString(), "dotnet " + string.Join(' ', args));
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
