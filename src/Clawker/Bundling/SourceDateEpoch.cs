using System.Globalization;

namespace Clawker.Bundling;

/// <summary>The fixed timestamp of every tar entry (reproducible-builds.org's SOURCE_DATE_EPOCH).</summary>
public static class SourceDateEpoch
{
    /// <summary>The environment variable callers read it from.</summary>
    public const string VariableName = "SOURCE_DATE_EPOCH";

    /// <summary>Used when none is given: 1980-01-01T00:00:00Z, safe for every archive format.</summary>
    public const long Default = 315532800;

    /// <summary>The largest value a ustar header can hold (11 octal digits).</summary>
    public const long Maximum = 8589934591;

    /// <summary>
    /// Reads <c>SOURCE_DATE_EPOCH</c> through <paramref name="lookup"/> (for example
    /// <see cref="Environment.GetEnvironmentVariable(string)"/>); null when unset or blank.
    /// </summary>
    /// <exception cref="BundleException">Of kind <see cref="BundleErrorKind.InvalidOption"/>: the value is not a whole number of seconds in range.</exception>
    public static long? FromEnvironment(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return Parse(lookup(VariableName));
    }

    /// <summary>Parses a <c>SOURCE_DATE_EPOCH</c> value as a surface passes it on; null when unset or blank.</summary>
    /// <param name="text">The value.</param>
    /// <returns>Seconds since 1970, or null.</returns>
    /// <exception cref="BundleException">Of kind <see cref="BundleErrorKind.InvalidOption"/>: the value is not a whole number of seconds in range.</exception>
    public static long? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > Maximum)
        {
            throw BundleException.InvalidOption(VariableName,
                $"'{text}' is not a number of seconds since 1970 between 0 and {Maximum}.");
        }

        return value;
    }
}
