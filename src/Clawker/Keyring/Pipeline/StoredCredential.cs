namespace Clawker.Keyring;

/// <summary>A credential read and checked by a <see cref="ServiceDef{T}"/>: the typed value, the raw text verbatim, and where it came from.</summary>
/// <typeparam name="T">The service's typed model.</typeparam>
/// <param name="Value">The parsed, validated value.</param>
/// <param name="Raw">The stored text, verbatim, for passing on unchanged.</param>
/// <param name="Source">Where it was read, for example "Secret Service (service 'S', user 'U')" or "file /path".</param>
internal sealed record StoredCredential<T>(T Value, SecretBlob Raw, string Source)
{
    /// <summary>How the store chose this item, for example among duplicates; informational, never secret.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
