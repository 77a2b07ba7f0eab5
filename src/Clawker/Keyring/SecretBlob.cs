namespace Clawker.Keyring;

/// <summary>
/// Secret text that cannot leak by accident: <see cref="ToString"/> prints a placeholder, and
/// the value is only reachable through <see cref="Reveal"/>. Equality is by reference, so
/// records holding one never compare (or print) the content.
/// </summary>
public sealed class SecretBlob
{
    /// <summary>What <see cref="ToString"/> prints instead of the value.</summary>
    public const string Placeholder = "[redacted]";

    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    /// <param name="value">The secret, kept verbatim.</param>
    public SecretBlob(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The length of the secret in characters (safe to show).</summary>
    public int Length => _value.Length;

    /// <summary>The secret, verbatim. Pass it on; never log it.</summary>
    /// <returns>The secret.</returns>
    public string Reveal() => _value;

    /// <summary>A placeholder; never the secret.</summary>
    /// <returns><see cref="Placeholder"/>.</returns>
    public override string ToString() => Placeholder;
}
