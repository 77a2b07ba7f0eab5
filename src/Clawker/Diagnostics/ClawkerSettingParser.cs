using System.Globalization;

namespace Clawker.Diagnostics;

/// <summary>
/// Reads settings that arrive as text (MSBuild properties, command-line arguments) once, for
/// every surface: blank means "the default", values are trimmed, and a value that is none of
/// the accepted ones is a <see cref="ClawkerSettingException"/> (<c>CLAWKER5002</c>) naming the
/// setting's key.
/// </summary>
public static class ClawkerSettingParser
{
    private static readonly char[] ListSeparators = [';', ',', ' ', '\t', '\r', '\n'];

    /// <summary>The trimmed text; <see langword="null"/> when blank.</summary>
    /// <param name="text">The value.</param>
    /// <returns>The text or null.</returns>
    public static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The items of a list separated by <c>;</c>, <c>,</c> or white space; empty when blank.</summary>
    /// <param name="text">The value.</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<string> List(string? text) =>
        (text ?? string.Empty).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary><c>Warning</c>, <c>Error</c> or <c>Ignore</c> in any case; blank means <paramref name="fallback"/>.</summary>
    /// <param name="key">The setting's key, for the error.</param>
    /// <param name="text">The value.</param>
    /// <param name="fallback">The policy when blank.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ClawkerSettingException">The value is none of the three.</exception>
    public static ClawkerPolicy Policy(string key, string? text, ClawkerPolicy fallback) => Text(text)?.ToUpperInvariant() switch
    {
        null => fallback,
        "WARNING" => ClawkerPolicy.Warning,
        "ERROR" => ClawkerPolicy.Error,
        "IGNORE" => ClawkerPolicy.Ignore,
        _ => throw new ClawkerSettingException(key, text!, "Warning, Error or Ignore"),
    };

    /// <summary><c>true</c> or <c>false</c> in any case; blank means <see langword="null"/> (the library's default).</summary>
    /// <param name="key">The setting's key, for the error.</param>
    /// <param name="text">The value.</param>
    /// <returns>The flag, or null.</returns>
    /// <exception cref="ClawkerSettingException">The value is neither.</exception>
    public static bool? Flag(string key, string? text) => Text(text)?.ToUpperInvariant() switch
    {
        null => null,
        "TRUE" => true,
        "FALSE" => false,
        _ => throw new ClawkerSettingException(key, text!, "true or false"),
    };

    /// <summary><c>auto</c>, <c>buildkit</c> or <c>classic</c> in any case; blank means <see cref="Images.ImageBuilderKind.Auto"/>.</summary>
    /// <param name="key">The setting's key, for the error.</param>
    /// <param name="text">The value.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ClawkerSettingException">The value is none of the three.</exception>
    public static Images.ImageBuilderKind Builder(string key, string? text) => Text(text)?.ToUpperInvariant() switch
    {
        null or "AUTO" => Images.ImageBuilderKind.Auto,
        "BUILDKIT" => Images.ImageBuilderKind.BuildKit,
        "CLASSIC" => Images.ImageBuilderKind.Classic,
        _ => throw new ClawkerSettingException(key, text!, "auto, buildkit or classic"),
    };

    /// <summary>The longest bound a timer takes (<see cref="int.MaxValue"/> milliseconds, about 24.8 days).</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>
    /// A timeout given as a duration (the library's options, Cake's settings): positive and at most
    /// <see cref="MaxTimeout"/>, or <see cref="Timeout.InfiniteTimeSpan"/>. Checked where it is set, because
    /// the timers that use it later throw an uncoded <see cref="ArgumentOutOfRangeException"/> mid-call.
    /// </summary>
    /// <param name="key">The setting's key, for the error.</param>
    /// <param name="value">The duration.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ClawkerSettingException">Zero, negative or longer than <see cref="MaxTimeout"/>.</exception>
    internal static TimeSpan Timeout(string key, TimeSpan value) =>
        IsTimeout(value)
            ? value
            : throw new ClawkerSettingException(key, value.ToString("c", CultureInfo.InvariantCulture), "positive and at most 24 days (int.MaxValue milliseconds), or Timeout.InfiniteTimeSpan");

    /// <summary>Whether <paramref name="value"/> is a usable timeout (see <see cref="Timeout(string, TimeSpan)"/>).</summary>
    /// <param name="value">The duration.</param>
    /// <returns>Whether it is positive and at most <see cref="MaxTimeout"/>, or infinite.</returns>
    internal static bool IsTimeout(TimeSpan value) =>
        value == System.Threading.Timeout.InfiniteTimeSpan || (value > TimeSpan.Zero && value <= MaxTimeout);

    /// <summary>A positive whole number of milliseconds; blank means <see langword="null"/> (the library's default).</summary>
    /// <param name="key">The setting's key, for the error.</param>
    /// <param name="text">The value.</param>
    /// <returns>The duration, or null.</returns>
    /// <exception cref="ClawkerSettingException">The value is not a positive whole number.</exception>
    public static TimeSpan? Milliseconds(string key, string? text)
    {
        var value = Text(text);
        if (value is null)
        {
            return null;
        }

        return TryMilliseconds(value, out var duration)
            ? duration
            : throw new ClawkerSettingException(key, text!, "a positive whole number of milliseconds");
    }

    /// <summary>Parses a positive whole number of milliseconds (no sign, no unit, no white space).</summary>
    /// <param name="text">The value.</param>
    /// <param name="duration">The duration, when it parses.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryMilliseconds(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0;
        duration = ok ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;
        return ok;
    }
}
