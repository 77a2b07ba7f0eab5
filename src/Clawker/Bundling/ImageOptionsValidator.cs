using System.Globalization;
using System.Text.RegularExpressions;

namespace Clawker.Bundling;

/// <summary>
/// Checks <see cref="ImageOptions"/> before anything is rendered. Every value ends up in a
/// Dockerfile line, so each is held to a strict pattern: no whitespace, quotes or newlines can
/// slip through into the image.
/// </summary>
internal static partial class ImageOptionsValidator
{
    public static ResolvedImageOptions Validate(ImageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var baseImage = options.BaseImage?.Trim() ?? string.Empty;
        if (baseImage.Length == 0)
        {
            throw BundleException.InvalidOption("BaseImage", "it is empty; give an image reference such as 'node:22-bookworm-slim'.");
        }

        if (baseImage.Length > 255 || !ImageReference().IsMatch(baseImage))
        {
            throw BundleException.InvalidOption("BaseImage",
                $"'{baseImage}' is not an image reference (letters, digits and . _ - / : @ only, such as 'node:22-bookworm-slim').");
        }

        var user = options.AgentUser?.Trim() ?? string.Empty;
        if (!UserName().IsMatch(user) || user == "root")
        {
            throw BundleException.InvalidOption("AgentUser",
                $"'{user}' is not a usable user name (lower-case letters, digits, _ and -, at most 32, starting with a letter or _, not root).");
        }

        var uid = ParseId("Uid", options.Uid);
        var gid = ParseId("Gid", options.Gid);

        string version;
        if (options.Minimal)
        {
            if (options.ClaudeCodeVersion is not null)
            {
                throw BundleException.InvalidOption("ClaudeCodeVersion",
                    "minimal mode installs nothing, so it takes no Claude Code version; use a base image that has Claude Code, or drop Minimal.");
            }

            if (options.ExtraPackages.Count > 0)
            {
                throw BundleException.InvalidOption("ExtraPackages",
                    "minimal mode runs no RUN step, so it cannot install packages; use a base image that has them, or drop Minimal.");
            }

            version = string.Empty;
        }
        else
        {
            version = options.ClaudeCodeVersion?.Trim() ?? ImageOptions.DefaultClaudeCodeVersion;
            if (!NpmVersion().IsMatch(version))
            {
                throw BundleException.InvalidOption("ClaudeCodeVersion",
                    $"'{version}' is not a Claude Code version; use x.y.z (for example {ImageOptions.DefaultClaudeCodeVersion}), 'latest' or 'stable'.");
            }
        }

        var packages = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in options.ExtraPackages)
        {
            var package = raw?.Trim() ?? string.Empty;
            if (!DebianPackage().IsMatch(package))
            {
                throw BundleException.InvalidOption("ExtraPackages",
                    $"'{raw}' is not a Debian package name (lower-case letters, digits, + - . and an optional =version).");
            }

            packages.Add(package);
        }

        return new ResolvedImageOptions(baseImage, user, uid, gid, version, [.. packages], options.Minimal);
    }

    internal static int ParseId(string option, string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            throw BundleException.InvalidOption(option,
                $"'{text}' is not a number from 1 to {int.MaxValue} (the agent must not run as root; clawker's default is 1001).");
        }

        return id;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageReference();

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserName();

    [GeneratedRegex(@"^(latest|stable|[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex NpmVersion();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9+.\-]+(=[A-Za-z0-9.+:~\-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DebianPackage();
}
