namespace Clawker.Docker;

/// <summary>
/// The labels the Go clawker puts on the objects it manages. Both tools must agree on them
/// exactly: clawker finds its volumes by these labels.
/// </summary>
internal static class ClawkerLabels
{
    /// <summary>Label key marking an object as managed by clawker.</summary>
    public const string Managed = "com.clawker.managed";

    /// <summary>The only value clawker writes for <see cref="Managed"/>.</summary>
    public const string ManagedValue = "true";

    /// <summary>Label key naming what a volume is for, for example <c>globals</c>.</summary>
    public const string Purpose = "com.clawker.purpose";

    /// <summary>The labels of a clawker volume for <paramref name="purpose"/>: exactly these two.</summary>
    /// <param name="purpose">The volume's purpose, for example <see cref="GlobalsVolume.Purpose"/>.</param>
    public static IReadOnlyDictionary<string, string> ForVolume(string purpose)
    {
        ClawkerNames.ValidatePurpose(purpose);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Managed] = ManagedValue,
            [Purpose] = purpose,
        };
    }

    /// <summary>
    /// Whether <paramref name="labels"/> mark a clawker volume for <paramref name="purpose"/>.
    /// Labels beyond clawker's two are allowed (users and other tools may add their own).
    /// </summary>
    /// <param name="labels">The labels found on the volume; <see langword="null"/> when it has none.</param>
    /// <param name="purpose">The purpose the volume must have.</param>
    public static bool MarkVolumeFor(IDictionary<string, string>? labels, string purpose) =>
        labels is not null
        && labels.TryGetValue(Managed, out var managed) && managed == ManagedValue
        && labels.TryGetValue(Purpose, out var found) && found == purpose;

    /// <summary>Labels as <c>key=value</c> pairs, sorted, for messages; <c>(none)</c> when there are none.</summary>
    /// <param name="labels">The labels to describe.</param>
    public static string Describe(IDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0
            ? "(none)"
            : string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
