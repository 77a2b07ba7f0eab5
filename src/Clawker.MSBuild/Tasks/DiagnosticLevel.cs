using System.Globalization;
using Clawker.Diagnostics;

namespace Clawker.MSBuild.Tasks;

/// <summary>How a policy property (<c>ClawkerCredentialNotFound</c>, <c>ClawkerCredentialRefreshable</c>) reports its finding.</summary>
public enum DiagnosticLevel
{
    /// <summary>A warning; the build goes on.</summary>
    Warning,

    /// <summary>An error; the build fails.</summary>
    Error,

    /// <summary>A low-importance message only.</summary>
    Ignore,
}

/// <summary>Parses policy property values.</summary>
internal static class DiagnosticLevels
{
    /// <summary>Parses <c>Warning</c>, <c>Error</c> or <c>Ignore</c> (any case); empty means <paramref name="fallback"/>.</summary>
    /// <param name="property">The MSBuild property the value came from, for the error message.</param>
    /// <param name="value">The property's value.</param>
    /// <param name="fallback">The level when the value is empty.</param>
    /// <returns>The level.</returns>
    /// <exception cref="InvalidPropertyException">The value is none of the three.</exception>
    public static DiagnosticLevel Parse(string property, string? value, DiagnosticLevel fallback = DiagnosticLevel.Warning)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "WARNING" => DiagnosticLevel.Warning,
            "ERROR" => DiagnosticLevel.Error,
            "IGNORE" => DiagnosticLevel.Ignore,
            _ => throw new InvalidPropertyException(property, value, "Warning, Error or Ignore"),
        };
    }

    /// <summary>Parses a positive whole number of milliseconds; empty means null (the library's default).</summary>
    /// <param name="property">The MSBuild property the value came from, for the error message.</param>
    /// <param name="value">The property's value.</param>
    /// <returns>The timeout, or null.</returns>
    /// <exception cref="InvalidPropertyException">The value is not a positive whole number.</exception>
    public static TimeSpan? ParseMilliseconds(string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw new InvalidPropertyException(property, value, "a positive whole number of milliseconds");
    }
}
