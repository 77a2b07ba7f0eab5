using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Clawker.Publishing;

/// <summary>
/// Runs <c>docker-credential-&lt;name&gt; get</c> as the docker CLI does: the server on stdin, a
/// JSON answer <c>{"ServerURL","Username","Secret"}</c> on stdout. Bounded: its input, exit and
/// both pipes share one timeout, after which its tree and whatever still holds its pipes
/// (<see cref="PipeHolders"/>) are killed; at most <see cref="MaxOutputBytes"/> read. Its output
/// is secret: no message quotes it.
/// </summary>
internal static class CredentialHelper
{
    public const string Prefix = "docker-credential-";
    public const int MaxOutputBytes = 64 * 1024;
    private const string NotFound = "credentials not found in native keychain";
    private const string TokenUser = "<token>";

    /// <summary>The helper's answer; <see langword="null"/> when it knows no login for the server (the CLI then goes anonymous).</summary>
    public static async Task<RegistryLogin?> GetAsync(
        string helper, string serverKey, string source, ClawkerEnvironment environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var program = Prefix + helper;
        var path = Find(program, environment) ?? throw new RegistryException(
            RegistryErrorKind.HelperMissing,
            serverKey,
            $"The docker credential helper {program} ({source}) is not on PATH. Install it (Debian: golang-docker-credential-helpers), or remove the entry from config.json and log in with `docker login {serverKey}`.")
        { CredentialSource = source };

        var start = new ProcessStartInfo(path, ["get"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Failed(program, serverKey, source, $"it cannot be started ({e.NativeErrorCode})");
        }

        // Named now, while our ends are open: what still holds them when the call gives up is the helper's.
        var pipes = PipeHolders.Of(process.Id, process.StandardOutput.BaseStream, process.StandardError.BaseStream);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        var stdout = ReadBoundedAsync(process.StandardOutput.BaseStream, bound.Token);
        // stderr is drained (so the helper never blocks on it) and thrown away: it may echo the secret.
        var stderr = ReadBoundedAsync(process.StandardError.BaseStream, bound.Token);
        (string Text, bool Overflow) read;
        try
        {
            await WriteInputAsync(process, serverKey, bound.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
            // A child the helper left behind may hold its pipes open: the reads share the bound,
            // and EOF is never awaited past it.
            read = await stdout.WaitAsync(bound.Token).ConfigureAwait(false);
            await stderr.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Abandon(process, pipes);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw TimedOut(program, serverKey, source, timeout);
        }

        var (output, overflow) = read;
        if (overflow)
        {
            throw Failed(program, serverKey, source, $"it printed more than {MaxOutputBytes / 1024} KiB");
        }

        if (process.ExitCode != 0)
        {
            // The protocol's "unknown server" answer comes on stdout with exit 1: no login, not a failure.
            if (output.Trim().Equals(NotFound, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            throw Failed(program, serverKey, source, $"it exited with code {process.ExitCode}");
        }

        return Decode(output, program, serverKey, source);
    }

    private static RegistryLogin Decode(string output, string program, string serverKey, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            var user = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Username", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var secret = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Secret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (string.IsNullOrEmpty(secret))
            {
                throw Failed(program, serverKey, source, "its answer has no Secret");
            }

            return user == TokenUser
                ? new RegistryLogin(serverKey, source, null, null, secret)
                : new RegistryLogin(serverKey, source, user, secret, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not kept as the cause, and no position: the answer is the secret.
            throw Failed(program, serverKey, source, "its answer is not the JSON the protocol defines");
        }
    }

    private static RegistryException TimedOut(string program, string serverKey, string source, TimeSpan timeout) => new(
        RegistryErrorKind.HelperTimedOut,
        serverKey,
        $"The docker credential helper {program} ({source}) did not answer within {timeout.TotalSeconds:0.#} s and was stopped. A locked keyring often waits for a password prompt: unlock it, or check the helper with `echo {serverKey} | {program} get`.")
    { CredentialSource = source };

    private static RegistryException Failed(string program, string serverKey, string source, string why) => new(
        RegistryErrorKind.HelperFailed,
        serverKey,
        $"The docker credential helper {program} ({source}) failed: {why}; its output is not shown (it may hold the secret). Check it with `echo {serverKey} | {program} get`, or log in again with `docker login {serverKey}`.")
    { CredentialSource = source };

    private static string? Find(string program, ClawkerEnvironment environment)
    {
        foreach (var dir in (environment.Variable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            // As Go's exec.LookPath (which the docker CLI uses): a relative PATH entry such as "." would run
            // whatever docker-credential-* the current folder (a cloned repository) holds.
            if (!Path.IsPathFullyQualified(dir))
            {
                continue;
            }

            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task WriteInputAsync(Process process, string serverKey, CancellationToken cancellationToken)
    {
        try
        {
            // Flushed with the bound: a helper that never reads its stdin must not hold the call.
            await process.StandardInput.WriteAsync(serverKey.AsMemory(), cancellationToken).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The helper exited before reading: its exit code says what happened.
        }
    }

    private static async Task<(string Text, bool Overflow)> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxOutputBytes + 1];
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                // Keep draining (so the helper is not blocked) but hold nothing more.
                var sink = new byte[8192];
                while (await stream.ReadAsync(sink, cancellationToken).ConfigureAwait(false) > 0)
                {
                }

                return (string.Empty, true);
            }
        }

        return (Encoding.UTF8.GetString(buffer, 0, length), false);
    }

    // The call gave up (its timeout, or the caller's token): the helper's tree, then whatever left
    // it and still holds its pipes (a child of a helper that exited, a detached grandchild).
    private static void Abandon(Process process, Pipes pipes)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        PipeHolders.Kill(pipes);
    }
}
