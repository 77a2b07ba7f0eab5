namespace Clawker.Diagnostics;

/// <summary>
/// <c>CLAWKER5002</c>: a setting given as text (an MSBuild property, a command-line argument) has
/// a value Clawker cannot use. <see cref="Key"/> is the setting's key (its Cake name, for example
/// <c>CredentialNotFound</c>); each surface renders the message with its own spelling of it
/// through <see cref="MessageFor"/>.
/// </summary>
public sealed class ClawkerSettingException : ClawkerException
{
    /// <summary>Creates the error.</summary>
    /// <param name="key">The setting's key, for example <c>KeyringTimeout</c>.</param>
    /// <param name="value">The value found (a setting, never a secret).</param>
    /// <param name="accepted">The accepted values, for example <c>Warning, Error or Ignore</c>.</param>
    public ClawkerSettingException(string key, string value, string accepted)
        : base(ErrorCodes.InvalidBuildProperty, Render(key, value, accepted, null))
    {
        Key = key;
        Value = value;
        Accepted = accepted;
    }

    /// <summary>The setting's key (its Cake name).</summary>
    public string Key { get; }

    /// <summary>The value found.</summary>
    public string Value { get; }

    /// <summary>The accepted values.</summary>
    public string Accepted { get; }

    /// <summary>The message with the setting named as the user's surface spells it.</summary>
    /// <param name="name">The setting's name on the surface, for example <c>ClawkerKeyringTimeout</c>.</param>
    /// <param name="fix">How to fix it there, for example <c>Fix it in the project file ...</c>; null for none.</param>
    /// <returns>The message.</returns>
    public string MessageFor(string name, string? fix) => Render(name, Value, Accepted, fix);

    private static string Render(string name, string value, string accepted, string? fix) =>
        $"The setting {name} is '{value}'; it must be {accepted}." + (fix is null ? string.Empty : " " + fix);
}
