using System.Formats.Tar;
using System.Text;

namespace Clawker.Images;

/// <summary>
/// The images a Dockerfile pulls: every <c>FROM</c> that names no earlier stage and is not
/// <c>scratch</c>, and every <c>COPY --from=</c> naming an image, with the stage's
/// <c>--platform=</c>. Reads what the engine reads: the escape directive, comments, line
/// continuations, and the global <c>ARG</c>s before the first <c>FROM</c> with their defaults,
/// overridden by the build arguments (plus <c>TARGETPLATFORM</c>, <c>TARGETOS</c>, <c>TARGETARCH</c>).
/// A reference it cannot resolve is returned without a parse, for the engine to handle.
/// </summary>
internal static class DockerfileBases
{
    /// <summary>The most a Dockerfile is read for its base images; a larger one is left to the engine.</summary>
    public const int MaxDockerfileBytes = 1024 * 1024;

    /// <summary>One image the Dockerfile pulls.</summary>
    /// <param name="Written">The reference as written (before substitution), for messages.</param>
    /// <param name="Image">The parsed reference, or <see langword="null"/> when it cannot be resolved.</param>
    /// <param name="Platform">The stage's <c>--platform=</c> when given and resolved, else the build's.</param>
    public sealed record Base(string Written, BaseImageReference? Image, string? Platform);

    /// <summary>
    /// The Dockerfile of a context tar, or <see langword="null"/> when it has none Clawker can read
    /// (the engine then reports it). The engine extracts the whole tar, so a later entry of the same
    /// path (however spelled: <c>./Dockerfile</c>, <c>/Dockerfile</c>, <c>x/../Dockerfile</c>) replaces
    /// an earlier one: the last one counts, and a link there is none.
    /// </summary>
    public static string? ReadFromTar(string contextTarPath)
    {
        if (IO.RegularFile.KindOf(contextTarPath) != IO.FileKind.Regular)
        {
            return null;
        }

        string? dockerfile = null;
        try
        {
            using var file = new FileStream(contextTarPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var tar = new TarReader(file);
            while (tar.GetNextEntry() is { } entry)
            {
                if (CleanPath(entry.Name) != "Dockerfile")
                {
                    continue;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.Length > MaxDockerfileBytes || entry.DataStream is null)
                {
                    dockerfile = null;
                    continue;
                }

                using var reader = new StreamReader(entry.DataStream, new UTF8Encoding(false, throwOnInvalidBytes: false));
                dockerfile = reader.ReadToEnd();
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException or ArgumentException)
        {
            // A context the engine will refuse: it says why.
            return null;
        }

        return dockerfile;
    }

    /// <summary>A tar entry's path as the engine extracts it (Go's <c>filepath.Clean</c>, rooted at the context); <see langword="null"/> when it leaves the context.</summary>
    private static string? CleanPath(string name)
    {
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>The images <paramref name="dockerfile"/> pulls, in order, each once.</summary>
    public static IReadOnlyList<Base> Parse(string dockerfile, IReadOnlyDictionary<string, string> buildArgs, string? platform)
    {
        var args = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (platform is not null)
        {
            var parts = platform.Split('/');
            args["TARGETPLATFORM"] = platform;
            args["TARGETOS"] = parts[0];
            args["TARGETARCH"] = parts[1];
            if (parts.Length > 2)
            {
                args["TARGETVARIANT"] = parts[2];
            }
        }

        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var found = new List<Base>();
        var seenFrom = false;
        string? stagePlatform = platform;
        foreach (var (instruction, rest) in Instructions(dockerfile))
        {
            switch (instruction)
            {
                case "ARG" when !seenFrom:
                    foreach (var word in Words(rest))
                    {
                        var eq = word.IndexOf('=', StringComparison.Ordinal);
                        var name = eq < 0 ? word : word[..eq];
                        if (buildArgs.TryGetValue(name, out var given))
                        {
                            args[name] = given;
                        }
                        else if (eq >= 0)
                        {
                            args[name] = Unquote(word[(eq + 1)..]);
                        }
                        else if (!EnginePlatformArgs.Contains(name))
                        {
                            // Declared without a value: empty. The engine's own platform arguments keep their value.
                            args[name] = null;
                        }
                    }

                    break;
                case "FROM":
                    seenFrom = true;
                    var words = Words(rest);
                    var flag = words.FirstOrDefault(w => w.StartsWith("--platform=", StringComparison.OrdinalIgnoreCase));
                    stagePlatform = flag is null ? platform : Substitute(flag["--platform=".Length..], args) is { Length: > 0 } p ? p : platform;
                    var image = words.FirstOrDefault(w => !w.StartsWith("--", StringComparison.Ordinal));
                    if (image is not null)
                    {
                        var resolved = Substitute(image, args);
                        if (resolved is null || (!stages.Contains(resolved) && !resolved.Equals("scratch", StringComparison.OrdinalIgnoreCase)))
                        {
                            Add(found, image, resolved, stagePlatform);
                        }
                    }

                    var alias = words.SkipWhile(w => !w.Equals("AS", StringComparison.OrdinalIgnoreCase)).Skip(1).FirstOrDefault();
                    if (alias is not null)
                    {
                        stages.Add(alias);
                    }

                    break;
                case "COPY":
                    var from = Words(rest).TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).FirstOrDefault(w => w.StartsWith("--from=", StringComparison.OrdinalIgnoreCase));
                    var source = from?["--from=".Length..];
                    // A stage name or index is no image. BuildKit expands no argument here (an error), buildah
                    // does, with any ARG in scope: a base Clawker cannot name.
                    if (source is { Length: > 0 } && !stages.Contains(source) && !source.All(char.IsAsciiDigit))
                    {
                        Add(found, source, source.Contains('$', StringComparison.Ordinal) ? null : source, stagePlatform);
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>
    /// The platform arguments the engine sets itself (BuildKit, buildah) from its own platform or the
    /// one asked for: unless given, Clawker cannot know them, and a reference using them is not named.
    /// </summary>
    private static readonly HashSet<string> EnginePlatformArgs = new(StringComparer.Ordinal)
    {
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
    };

    private static void Add(List<Base> found, string written, string? resolved, string? platform)
    {
        var image = BaseImageReference.Parse(resolved);
        if (!found.Any(b => b.Image is not null && image is not null && b.Image.Reference == image.Reference && b.Platform == platform))
        {
            found.Add(new Base(written, image, platform));
        }
    }

    /// <summary>The instructions (upper-cased) and their arguments, after directives, comments and continuations.</summary>
    internal static IEnumerable<(string Instruction, string Arguments)> Instructions(string dockerfile)
    {
        var lines = dockerfile.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var escape = '\\';
        var start = 0;
        // Parser directives: "# name=value" lines at the very top.
        for (; start < lines.Length; start++)
        {
            var line = lines[start].Trim();
            if (!line.StartsWith('#') || !line[1..].Contains('=', StringComparison.Ordinal))
            {
                break;
            }

            var directive = line[1..].Split('=', 2);
            if (directive[0].Trim().Equals("escape", StringComparison.OrdinalIgnoreCase) && directive[1].Trim() is ['`'])
            {
                escape = '`';
            }
        }

        var current = new StringBuilder();
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#') || (current.Length == 0 && trimmed.Length == 0))
            {
                continue;
            }

            var end = line.TrimEnd();
            if (end.Length > 0 && end[^1] == escape)
            {
                current.Append(end[..^1]).Append(' ');
                continue;
            }

            current.Append(line);
            var whole = current.ToString().Trim();
            current.Clear();
            if (whole.Length == 0)
            {
                continue;
            }

            var space = whole.IndexOfAny([' ', '\t']);
            yield return space < 0 ? (whole.ToUpperInvariant(), string.Empty) : (whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim());
        }
    }

    private static string[] Words(string text) => text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')) ? value[1..^1] : value;

    /// <summary>
    /// <c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-word}</c>, <c>${NAME-word}</c>, <c>${NAME:+word}</c>,
    /// <c>${NAME+word}</c> from the global ARGs; <see langword="null"/> for anything else (the engine decides).
    /// </summary>
    internal static string? Substitute(string text, IReadOnlyDictionary<string, string?> args)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$')
            {
                result.Append(text[i]);
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    return null;
                }

                var body = text[(i + 2)..close];
                var op = body.IndexOfAny([':', '-', '+']);
                var name = op < 0 ? body : body[..op];
                if (!IsName(name))
                {
                    return null;
                }

                if (IsUnknown(name, args))
                {
                    return null;
                }

                var set = args.TryGetValue(name, out var value) && value is not null;
                var nonEmpty = set && value!.Length > 0;
                var modifier = op < 0 ? string.Empty : body[op..];
                string? replaced = modifier switch
                {
                    "" => value ?? string.Empty,
                    _ when modifier.StartsWith(":-", StringComparison.Ordinal) => nonEmpty ? value : modifier[2..],
                    _ when modifier.StartsWith(":+", StringComparison.Ordinal) => nonEmpty ? modifier[2..] : string.Empty,
                    _ when modifier.StartsWith('-') => set ? value : modifier[1..],
                    _ when modifier.StartsWith('+') => set ? modifier[1..] : string.Empty,
                    _ => null,
                };
                if (replaced is null || replaced.Contains('$', StringComparison.Ordinal))
                {
                    return null;
                }

                result.Append(replaced);
                i = close;
                continue;
            }

            var length = 0;
            while (i + 1 + length < text.Length && (char.IsAsciiLetterOrDigit(text[i + 1 + length]) || text[i + 1 + length] == '_'))
            {
                length++;
            }

            var plain = text.Substring(i + 1, length);
            if (!IsName(plain) || IsUnknown(plain, args))
            {
                return null;
            }

            result.Append(args.TryGetValue(plain, out var v) ? v ?? string.Empty : string.Empty);
            i += length;
        }

        return result.ToString();
    }

    private static bool IsUnknown(string name, IReadOnlyDictionary<string, string?> args) => EnginePlatformArgs.Contains(name) && !args.ContainsKey(name);

    private static bool IsName(string name) => name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
