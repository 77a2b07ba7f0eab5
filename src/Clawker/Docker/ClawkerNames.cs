using System.Text.RegularExpressions;

namespace Clawker.Docker;

/// <summary>Names of the Docker objects clawker manages, as the Go clawker spells them.</summary>
internal static partial class ClawkerNames
{
    /// <summary>
    /// The one spelling of the prefix of every Docker object clawker names: its volumes
    /// (<c>clawker-globals</c>) and its image repositories (<c>clawker-&lt;project&gt;</c>).
    /// </summary>
    internal const string Prefix = "clawker-";

    /// <summary>Every clawker volume name starts with this.</summary>
    public const string VolumePrefix = Prefix;

    /// <summary>The volume name for <paramref name="purpose"/>: <c>clawker-&lt;purpose&gt;</c>.</summary>
    /// <param name="purpose">Lower-case letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting with a letter or digit.</param>
    /// <exception cref="ArgumentException">The purpose is not a valid volume name part.</exception>
    public static string Volume(string purpose)
    {
        ValidatePurpose(purpose);
        return VolumePrefix + purpose;
    }

    internal static void ValidatePurpose(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        // Narrower than Docker's own volume-name rule, so every purpose makes a valid name.
        if (!PurposePattern().IsMatch(purpose))
        {
            throw new ArgumentException(
                $"'{purpose}' is not a valid clawker volume purpose: use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.",
                nameof(purpose));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();
}
