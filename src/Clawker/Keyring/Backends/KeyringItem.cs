namespace Clawker.Keyring.Backends;

/// <summary>A secret read from a store, with informational notes on how it was chosen (no secret content in them).</summary>
/// <param name="Secret">The secret, verbatim.</param>
/// <param name="Notes">For example "2 items match; used the most recently modified".</param>
internal sealed record KeyringItem(string Secret, IReadOnlyList<string> Notes)
{
    /// <summary>The notes, never the secret (a record would print every property).</summary>
    public override string ToString() => $"KeyringItem {{ Secret = {SecretBlob.Placeholder}, Notes = [{string.Join("; ", Notes)}] }}";
}
