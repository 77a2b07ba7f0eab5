using System.Diagnostics;
using System.Text;

namespace Clawker.Tests.Infrastructure;

/// <summary>What a finished child process left behind.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="All">Both streams, interleaved as the lines arrived, for checks that do not care which stream a line went to.</param>
/// <param name="CommandLine">The program and its arguments, for failure messages.</param>
internal sealed record ProcessResult(int ExitCode, string Output, string Error, string All, string CommandLine)
{
    public ProcessResult ShouldSucceed()
    {
        ExitCode.ShouldBe(0, $"{CommandLine} failed:\n{All}");
        return this;
    }

    public ProcessResult ShouldFail()
    {
        ExitCode.ShouldNotBe(0, $"{CommandLine} should have failed:\n{All}");
        return this;
    }

    public override string ToString() => $"{CommandLine}: exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs a child process with an environment of the test's own (the test process's, which tests
/// share, is never changed) and a time limit, after which the whole process tree is killed.
/// </summary>
internal static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs <paramref name="fileName"/> to completion.</summary>
    /// <param name="environment">Variables to set or, when the value is null, remove for the child only.</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var argumentList = arguments.ToList();
        var commandLine = string.Join(' ', [fileName, .. argumentList]);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in argumentList)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        var error = new StringBuilder();
        var all = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, all, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, all, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var limit = timeout ?? DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (all)
            {
                throw new TimeoutException($"{commandLine} did not finish within {limit}:\n{all}");
            }
        }

        process.WaitForExit(); // drains the asynchronous readers
        lock (all)
        {
            return new ProcessResult(process.ExitCode, output.ToString(), error.ToString(), all.ToString(), commandLine);
        }
    }

    private static void Append(StringBuilder stream, StringBuilder all, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (all)
        {
            stream.AppendLine(line);
            all.AppendLine(line);
        }
    }
}
