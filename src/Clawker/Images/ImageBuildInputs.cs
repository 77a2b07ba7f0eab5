using System.Text;
using System.Text.RegularExpressions;

namespace Clawker.Images;

/// <summary>
/// What a build takes besides its context: build arguments, the target platform and whether to
/// refresh the base image. They shape the image, so they enter the bundle's content hash (a
/// changed argument is a new tag): pass the same to <c>BundleOptions.BuildInputs</c> and to the
/// build (the <see cref="Clawker.Bundling.BundleResult"/> overload of
/// <see cref="AgentImageBuilder"/> takes them from the bundle). Build argument values are never
/// shown in Clawker's messages (names only), but Docker records them in the image's history and
/// they enter the hash: they are no place for a secret.
/// </summary>
public sealed partial class ImageBuildInputs
{
    /// <summary>The longest build argument value accepted (the engine takes them in the request's URL).</summary>
    public const int MaxBuildArgLength = 16 * 1024;

    /// <summary>No arguments, the engine's own platform, no pull.</summary>
    public static ImageBuildInputs None { get; } = new();

    /// <summary>
    /// Build arguments (<c>--build-arg NAME=value</c>, MSBuild <c>ClawkerImageBuildArg</c> items,
    /// Cake <c>ImageBuildArgs</c>): names are letters, digits and <c>_</c>, not starting with a digit.
    /// </summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The one platform to build for, <c>os/arch[/variant]</c> such as <c>linux/arm64</c>
    /// (<c>ClawkerImagePlatform</c>); <see langword="null"/> for the engine's own.
    /// </summary>
    public string? Platform { get; init; }

    /// <summary>Pull the base image again even when the engine has it (<c>docker build --pull</c>, <c>ClawkerImagePull</c>).</summary>
    public bool Pull { get; init; }

    /// <summary>Whether these are the defaults (then the content hash is the context's alone).</summary>
    public bool IsNone => BuildArgs.Count == 0 && Platform is null && !Pull;

    /// <summary>Checks the inputs.</summary>
    /// <returns>The inputs.</returns>
    /// <exception cref="ImageBuildException">Of kind <see cref="ImageBuildErrorKind.InvalidInput"/> (CLAWKER4003): a name, value or platform the engine cannot take; the message names a build argument, never its value.</exception>
    public ImageBuildInputs Validate()
    {
        foreach (var (name, value) in BuildArgs)
        {
            if (!ArgName().IsMatch(name ?? string.Empty))
            {
                throw ImageBuildException.InvalidInput(
                    "ImageBuildArgs", $"the build argument name '{Shown(name)}' is not a name a Dockerfile ARG can have: use letters, digits and _ , not starting with a digit.");
            }

            if (value is null || value.Length > MaxBuildArgLength || value.Contains('\0', StringComparison.Ordinal))
            {
                throw ImageBuildException.InvalidInput(
                    "ImageBuildArgs", $"the value of build argument {name} is missing, holds a NUL or is longer than {MaxBuildArgLength} characters (the value is not shown).");
            }
        }

        if (Platform is not null && !PlatformPattern().IsMatch(Platform))
        {
            throw ImageBuildException.InvalidInput(
                "ImagePlatform", $"'{Shown(Platform)}' is not one platform of the form os/arch[/variant], such as linux/amd64 or linux/arm64.");
        }

        return this;
    }

    /// <summary>The bytes the content hash covers after the context: empty for <see cref="None"/>, so existing tags stay.</summary>
    internal byte[] HashInput()
    {
        if (IsNone)
        {
            return [];
        }

        var text = new StringBuilder();
        foreach (var (name, value) in BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            text.Append("build-arg ").Append(name).Append(' ').Append(value.Length).Append('\n').Append(value).Append('\n');
        }

        text.Append("platform ").Append(Platform ?? string.Empty).Append('\n');
        text.Append("pull ").Append(Pull ? "true" : "false").Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Shown(string? text) => Clawker.Docker.EngineText.Excerpt(text, 80);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ArgName();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_.-]{0,31}/[a-z0-9][a-z0-9_.-]{0,31}(/[a-z0-9][a-z0-9_.-]{0,31})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformPattern();
}
