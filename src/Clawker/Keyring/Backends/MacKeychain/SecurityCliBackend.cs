using System.Diagnostics;

namespace Clawker.Keyring.Backends;

/// <summary>
/// The macOS Keychain through the <c>security</c> tool, as go-keyring and Claude Code use it:
/// read with <c>find-generic-password -s S -a U -w</c>; write through <c>security -i</c> with
/// the command on stdin, so the secret never appears in a process list; delete with
/// <c>delete-generic-password</c>. Not Security.framework in-process: items Claude Code made do
/// not list this process, so an in-process read could prompt or block.
/// </summary>
/// <param name="executable">A path, or a bare name looked up on the environment's PATH (tests put a stand-in first there).</param>
/// <param name="environment">Where PATH comes from.</param>
internal sealed class SecurityCliBackend(string executable, ClawkerEnvironment environment) : IKeyringBackend
{
    public const string DefaultExecutable = "/usr/bin/security";

    private const string NotFoundText = "could not be found";

    public KeyringBackendKind Kind => KeyringBackendKind.Keychain;

    public string Describe(string service, string user) => $"macOS Keychain (service '{service}', account '{user}')";

    public string? Get(string service, string user, CancellationToken cancellationToken)
    {
        var where = Describe(service, user);
        var (exit, stdout, stderr) = Run(["find-generic-password", "-s", service, "-a", user, "-w"], null, where, cancellationToken);
        if (exit == 0)
        {
            return SecurityOutput.Decode(stdout, where);
        }

        return stderr.Contains(NotFoundText, StringComparison.OrdinalIgnoreCase) || stdout.Contains(NotFoundText, StringComparison.OrdinalIgnoreCase)
            ? null
            : throw Failed(where, "find-generic-password", exit, stderr);
    }

    public void Set(string service, string user, string secret, CancellationToken cancellationToken)
    {
        var where = Describe(service, user);
        if (service.Contains('\n', StringComparison.Ordinal) || user.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{where}: a service or account name cannot contain a line break.", nameof(service));
        }

        var command = SecurityOutput.AddCommand(service, user, secret);
        SecurityOutput.CheckSize(command, where);
        var (exit, _, stderr) = Run(["-i"], command, where, cancellationToken);
        if (exit != 0)
        {
            // security -i may echo a command line it cannot parse; never let that carry the value.
            var encoded = SecurityOutput.Base64Prefix + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret));
            var scrubbed = stderr.Replace(encoded, SecretBlob.Placeholder, StringComparison.Ordinal);
            scrubbed = secret.Length == 0 ? scrubbed : scrubbed.Replace(secret, SecretBlob.Placeholder, StringComparison.Ordinal);
            throw Failed(where, "add-generic-password", exit, scrubbed);
        }
    }

    public bool Delete(string service, string user, CancellationToken cancellationToken)
    {
        var where = Describe(service, user);
        var (exit, stdout, stderr) = Run(["delete-generic-password", "-s", service, "-a", user], null, where, cancellationToken);
        if (exit == 0)
        {
            return true;
        }

        return stderr.Contains(NotFoundText, StringComparison.OrdinalIgnoreCase) || stdout.Contains(NotFoundText, StringComparison.OrdinalIgnoreCase)
            ? false
            : throw Failed(where, "delete-generic-password", exit, stderr);
    }

    /// <summary>The executable to run: a path as given, or a bare name found on the environment's PATH.</summary>
    internal string ResolveExecutable() => Clawker.IO.ExecutableSearch.Find(environment, executable);

    private (int Exit, string Stdout, string Stderr) Run(IEnumerable<string> args, string? stdin, string where, CancellationToken cancellationToken)
    {
        var start = Clawker.IO.ExecutableSearch.Redirected(ResolveExecutable(), args);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CredentialException(CredentialErrorKind.Unavailable, where, $"{where}: cannot run '{start.FileName}' ({e.Message}). The macOS Keychain is read with /usr/bin/security; on other systems set {KeyringOptions.BackendVariable} to another store or to none.", e);
        }

        using var kill = cancellationToken.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        });
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // security exited (or was killed at the timeout) before reading: its exit code says why.
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    // security's stderr names the failure (for example a locked keychain with no user to ask);
    // it never echoes the value.
    private static CredentialException Failed(string where, string what, int exit, string stderr) => new(
        CredentialErrorKind.Unavailable,
        where,
        $"{where}: 'security {what}' failed with exit code {exit}: {stderr.Trim()}. Unlock the login keychain (security unlock-keychain), or set {KeyringOptions.BackendVariable}=none to use files only.");
}
