using System.Buffers;
using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Clawker.Keyring;

/// <summary>
/// Runs an <c>apiKeyHelper</c> as Claude Code does (its settings page: "executed in /bin/sh";
/// on Windows, Claude Code's Git Bash), from the project folder, bounded by the keyring timeout;
/// on timeout or cancellation the process tree is killed. The output is only scanned for a
/// non-blank byte, in a buffer wiped after each read: it is never kept, logged or put in an
/// exception, and stderr is drained unread.
/// </summary>
internal static class ApiKeyHelperRunner
{
    // How long output may stay open after the helper exits before its holders are killed.
    private static readonly TimeSpan StreamGrace = TimeSpan.FromSeconds(1);

    private static readonly SearchValues<byte> Blank = SearchValues.Create(" \t\r\n\v\f"u8);

    /// <summary>Runs the helper; returns normally when it exits 0 having printed something.</summary>
    /// <exception cref="CredentialException">Empty (<c>CLAWKER1002</c>), Timeout (<c>CLAWKER1006</c>), HelperFailed (<c>CLAWKER1013</c>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the process tree is killed).</exception>
    public static async Task RunAsync(ApiKeyHelperSetting helper, ClawkerEnvironment environment, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(helper, environment, workingDirectory) };
        try
        {
            process.Start();
        }
        catch (ArgumentException)
        {
            // A NUL in the command or an environment value: Resolve refuses the command first; this is the backstop.
            throw new CredentialException(CredentialErrorKind.HelperFailed, helper.File,
                $"The {helper} could not be started: its command or environment holds a character (such as NUL) that cannot be passed to a process.");
        }
        catch (Win32Exception e)
        {
            throw new CredentialException(CredentialErrorKind.HelperFailed, helper.File,
                $"The {helper} could not be started: the shell '{process.StartInfo.FileName}' cannot be run (error {e.NativeErrorCode}). Claude Code runs the helper with it too.", e);
        }

        process.StandardInput.Close();
        var pipes = new[] { PipeHolders.Identify(process.StandardOutput.BaseStream), PipeHolders.Identify(process.StandardError.BaseStream) };
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        var printed = Scan(process.StandardOutput.BaseStream, bound.Token);
        var drained = Scan(process.StandardError.BaseStream, bound.Token);
        try
        {
            await process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
            var streams = Task.WhenAll(printed, drained);
            if (await Task.WhenAny(streams, Task.Delay(StreamGrace, bound.Token)).ConfigureAwait(false) != streams)
            {
                // The helper exited but something it started still holds its output: not ours to leave running.
                PipeHolders.Kill(pipes);
            }

            await streams.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            PipeHolders.Kill(pipes);
            cancellationToken.ThrowIfCancellationRequested();
            throw new CredentialException(CredentialErrorKind.Timeout, helper.File,
                $"The {helper} did not finish within {timeout.TotalMilliseconds:0} ms; it was stopped. Make it faster, or raise {KeyringOptions.TimeoutVariable} (or the build's keyring timeout option).");
        }

        if (process.ExitCode != 0)
        {
            throw new CredentialException(CredentialErrorKind.HelperFailed, helper.File,
                $"The {helper} exited with code {process.ExitCode}, so Claude Code would get no key from it. Run it yourself to see why (its output is never shown here: it may hold the key).");
        }

        if (!await printed.ConfigureAwait(false))
        {
            throw new CredentialException(CredentialErrorKind.Empty, helper.File,
                $"The {helper} exited 0 but printed nothing, so Claude Code would send an empty key. Make it print the key on stdout.");
        }
    }

    private static ProcessStartInfo StartInfo(ApiKeyHelperSetting helper, ClawkerEnvironment environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(Shell(environment))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(helper.Command);

        // The host's view of the environment (Cake's, or a test's) decides what the helper sees.
        foreach (var name in new[] { "PATH", "HOME", ClaudeCodeCredentials.ConfigDirVariable })
        {
            if (environment.Variable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    private static string Shell(ClawkerEnvironment environment)
    {
        if (!environment.IsWindows)
        {
            return "/bin/sh";
        }

        // Claude Code on Windows runs shell commands with Git Bash; it honours this variable.
        return environment.Variable("CLAUDE_CODE_GIT_BASH_PATH") ?? "bash.exe";
    }

    /// <summary>Reads <paramref name="stream"/> to its end; whether any byte was not white space. The bytes are wiped after each read.</summary>
    private static async Task<bool> Scan(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var printed = false;
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                printed |= buffer.AsSpan(0, n).ContainsAnyExcept(Blank);
                CryptographicOperations.ZeroMemory(buffer);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }

        return printed;
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited, or gone while the tree was walked.
        }
    }
}
