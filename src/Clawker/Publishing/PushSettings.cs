using Clawker.Diagnostics;

namespace Clawker.Publishing;

/// <summary>The push settings that must agree: a user name and a password variable come together, and the variable is a name.</summary>
internal static class PushSettings
{
    /// <exception cref="ClawkerSettingException">CLAWKER5002 naming the setting.</exception>
    public static void Check(ImagePushOptions options)
    {
        var user = ClawkerSettingParser.Text(options.RegistryUsername);
        var variable = ClawkerSettingParser.Text(options.RegistryPasswordVariable);
        if (variable is not null && !IsVariableName(variable))
        {
            // Not quoted: a password pasted here by mistake must not reach the log.
            throw new ClawkerSettingException(SettingKeys.RegistryPasswordVariable, $"({variable.Length} characters, not shown)", "the NAME of an environment variable (letters, digits and '_'; never the password itself)");
        }

        if (user is null && variable is not null)
        {
            throw new ClawkerSettingException(SettingKeys.RegistryUsername, string.Empty, "the registry user name, since the password variable is set");
        }

        if (user is not null && variable is null)
        {
            throw new ClawkerSettingException(SettingKeys.RegistryPasswordVariable, string.Empty, "the name of the environment variable holding the password, since the registry user name is set");
        }

        if (user is not null && (user.Length > 256 || user.Any(char.IsControl)))
        {
            throw new ClawkerSettingException(SettingKeys.RegistryUsername, $"({user.Length} characters)", "a user name of at most 256 characters without control characters");
        }
    }

    private static bool IsVariableName(string name) =>
        name.Length <= 256 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
