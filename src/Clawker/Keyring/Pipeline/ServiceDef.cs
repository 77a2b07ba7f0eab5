using System.Text.Json;

namespace Clawker.Keyring;

/// <summary>
/// One service's credential: where it lives in the keyring, how to read and check it. Adding a
/// service is one file declaring one of these. <see cref="GetAsync"/> fails in this order, each
/// step with its own <see cref="CredentialErrorKind"/>:
/// user cannot be resolved (NotFound); not found / timeout / unavailable (from the keyring);
/// blank entry (Empty); parse failure (InvalidSchema, never echoing content); validation (Expired).
/// </summary>
/// <typeparam name="T">The typed model.</typeparam>
public sealed class ServiceDef<T>
{
    /// <summary>The keyring service name.</summary>
    public required string ServiceName { get; init; }

    /// <summary>Returns the keyring user (account); may throw when it cannot be resolved.</summary>
    public required Func<string> ResolveUser { get; init; }

    /// <summary>
    /// Parses the stored text. Throw <see cref="FormatException"/> naming the field that is wrong,
    /// never its content; a <see cref="JsonException"/> is replaced by a content-free summary.
    /// </summary>
    public required Func<string, T> Parse { get; init; }

    /// <summary>Optional check after parsing; receives the value and its source, throws a <see cref="CredentialException"/> (for example Expired).</summary>
    public Action<T, string>? Validate { get; init; }

    /// <summary>Reads the credential from <paramref name="keyring"/> and checks it.</summary>
    /// <param name="keyring">The keyring to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checked credential with its raw text and source.</returns>
    /// <exception cref="CredentialException">The first failing step, in the order above.</exception>
    public async Task<StoredCredential<T>> GetAsync(IKeyring keyring, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        string user;
        try
        {
            user = ResolveUser();
        }
#pragma warning disable CA1031 // any resolver failure means the same thing: no account to look up
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            throw new CredentialNotFoundException(
                $"keyring service '{ServiceName}'",
                $"Cannot look up keyring service '{ServiceName}': the OS user name cannot be resolved ({e.Message}). Set USER (USERNAME on Windows).",
                e);
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            throw new CredentialNotFoundException(
                $"keyring service '{ServiceName}'",
                $"Cannot look up keyring service '{ServiceName}': the OS user name is blank. Set USER (USERNAME on Windows).");
        }

        var raw = await keyring.GetAsync(ServiceName, user, cancellationToken).ConfigureAwait(false);
        return Interpret(raw, keyring.Describe(ServiceName, user));
    }

    /// <summary>Checks text read from any source (a keyring item or a file): Empty, then InvalidSchema, then validation.</summary>
    /// <param name="raw">The stored text.</param>
    /// <param name="source">Where it was read, for messages.</param>
    /// <returns>The checked credential.</returns>
    /// <exception cref="CredentialException">The first failing step.</exception>
    public StoredCredential<T> Interpret(string raw, string source)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new CredentialEmptyException(source, $"The credential in {source} is blank. Log in again, or remove the blank entry.");
        }

        T value;
        try
        {
            value = Parse(raw);
        }
        catch (JsonException e)
        {
            // JsonException messages quote the offending character; keep only the position.
            throw new CredentialInvalidSchemaException(
                source,
                $"The credential in {source} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}). Log in again to rewrite it.",
                new FormatException($"not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}"));
        }
#pragma warning disable CA1031 // every parse failure is an invalid schema; Parse promises content-free messages
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            throw new CredentialInvalidSchemaException(
                source,
                $"The credential in {source} is not in the expected format: {e.Message}. Log in again to rewrite it.",
                e);
        }

        Validate?.Invoke(value, source);
        return new StoredCredential<T>(value, new SecretBlob(raw), source);
    }
}
