using Clawker.Diagnostics;

namespace Clawker.Keyring;

/// <summary>
/// A keyring setting (<c>CLAWKER_KEYRING</c>, <c>CLAWKER_KEYRING_TIMEOUT_MS</c>, or the options that
/// override them) has a value the keyring cannot use (<see cref="ErrorCodes.InvalidKeyringSetting"/>).
/// A misconfiguration, not a credential problem, so it is not a <see cref="CredentialException"/>.
/// </summary>
public sealed class KeyringSettingException : ClawkerException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="setting">The setting's name, for example <c>CLAWKER_KEYRING</c>.</param>
    /// <param name="message">What was wrong and the accepted values.</param>
    public KeyringSettingException(string setting, string message)
        : base(ErrorCodes.InvalidKeyringSetting, message)
    {
        Setting = setting;
    }

    /// <summary>The setting's name.</summary>
    public string Setting { get; }
}
