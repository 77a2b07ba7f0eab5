using System.Text.Json;
using Clawker.Diagnostics;
using Clawker.Keyring.Backends;

namespace Clawker.Keyring;

/// <summary>
/// One service's credential: where it lives in the keyring, how to read and check it. Adding a
/// service is one file declaring one of these. <see cref="GetAsync"/> fails in this order, each
/// step with its own <see cref="CredentialErrorKind"/>:
/// user cannot be resolved (NotFound); not found / timeout / unavailable (from the keyring);
/// blank entry (Empty); parse failure (InvalidSchema, never echoing content); validation (Expired).
/// </summary>
/// <typeparam name="T">The typed model.</typeparam>
internal sealed class ServiceDef<T>
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
            throw new CredentialException(CredentialErrorKind.NotFound,
                $"keyring service '{ServiceName}'",
                $"Cannot look up keyring service '{ServiceName}': the OS user name cannot be resolved ({e.Message}). Set USER (USERNAME on Windows).",
                e);
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            throw new CredentialException(CredentialErrorKind.NotFound,
                $"keyring service '{ServiceName}'",
                $"Cannot look up keyring service '{ServiceName}': the OS user name is blank. Set USER (USERNAME on Windows).");
        }

        if (keyring is TimedKeyring timed)
        {
            // The library's own keyrings also say how they chose the item (duplicates).
            var item = await timed.ReadAsync(ServiceName, user, cancellationToken).ConfigureAwait(false);
            return Interpret(item.Secret, keyring.Describe(ServiceName, user)) with { Notes = item.Notes };
        }

        var raw = await keyring.GetAsync(ServiceName, user, cancellationToken).ConfigureAwait(false);
        return Interpret(raw, keyring.Describe(ServiceName, user));
    }

    /// <summary>Checks text read from any source (a keyring item or a file): Empty, then InvalidSchema, then validation. A leading byte-order mark is dropped.</summary>
    /// <param name="raw">The stored text.</param>
    /// <param name="source">Where it was read, for messages.</param>
    /// <returns>The checked credential.</returns>
    /// <exception cref="CredentialException">The first failing step.</exception>
    public StoredCredential<T> Interpret(string raw, string source)
    {
        ArgumentNullException.ThrowIfNull(raw);

        // One rule for every source: a leading byte-order mark is not part of the credential
        // (a file's is dropped when its bytes are decoded; a keychain item's here).
        if (raw.StartsWith('\uFEFF'))
        {
            raw = raw[1..];
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new CredentialException(CredentialErrorKind.Empty, source, $"The credential in {source} is blank. Log in again, or remove the blank entry.");
        }

        T value;
        try
        {
            value = Parse(raw);
        }
#pragma warning disable CA1031 // every parse failure is an invalid schema
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            throw ParseFailure(e, raw, source);
        }

        Validate?.Invoke(value, source);
        return new StoredCredential<T>(value, new SecretBlob(raw), source);
    }

    /// <summary>
    /// The InvalidSchema error for a parse failure, carrying no stored content: JSON reader
    /// errors (anywhere in the chain) quote the input near the fault, so only their position is
    /// kept; a <see cref="FormatException"/> is shown as Parse promises it names the field, unless
    /// it quotes the input all the same (BCL parsers do: "The input string '…' was not…"); any
    /// other exception is named by its type only.
    /// </summary>
    private static CredentialException ParseFailure(Exception e, string raw, string source)
    {
        var fix = "Log in again to rewrite it.";
        if (JsonFault.Position(e) is { } where)
        {
            return new CredentialException(CredentialErrorKind.InvalidSchema,
                source,
                $"The credential in {source} is not valid JSON of the expected shape{where}. {fix}",
                new FormatException($"not valid JSON of the expected shape{where}"));
        }

        if (e is FormatException && e.InnerException is null && !QuotesInput(e.Message, raw))
        {
            return new CredentialException(CredentialErrorKind.InvalidSchema, source, $"The credential in {source} is not in the expected format: {e.Message}. {fix}", e);
        }

        var why = $"the parser failed with {e.GetType().Name} (its message is withheld: it may quote the stored value)";
        return new CredentialException(CredentialErrorKind.InvalidSchema, source, $"The credential in {source} is not in the expected format: {why}. {fix}", new FormatException(why));
    }

    /// <summary>
    /// Whether <paramref name="message"/> holds a run of 20 or more characters of <paramref name="raw"/>:
    /// long enough that a field name in quotes ("'organizationUuid' is not a UUID") is not mistaken for content.
    /// </summary>
    private static bool QuotesInput(string message, string raw)
    {
        const int Run = 20;
        for (var i = 0; i + Run <= message.Length; i++)
        {
            if (raw.Contains(message.AsSpan(i, Run), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
