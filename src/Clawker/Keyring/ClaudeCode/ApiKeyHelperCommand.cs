using System.Buffers;
using System.Text;

namespace Clawker.Keyring;

/// <summary>
/// Whether an <c>apiKeyHelper</c> command resolves, without running it: its first word (after
/// any <c>NAME=value</c> assignments, quotes removed, <c>~</c> and <c>$NAME</c> expanded) is an
/// existing executable file (relative paths from the project folder, where Claude Code runs it),
/// a shell builtin, or found on PATH. Messages never quote the command: it is free text.
/// </summary>
internal static class ApiKeyHelperCommand
{
    // POSIX sh special and regular builtins (and common keywords) that need no file.
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        ".", ":", "break", "cd", "command", "continue", "echo", "eval", "exec", "exit", "export", "false", "printf",
        "pwd", "read", "readonly", "return", "set", "shift", "test", "[", "times", "trap", "true", "type", "ulimit", "umask", "unset",
        "if", "for", "while", "until", "case", "{", "(", "!",
    };

    /// <summary>What the command resolves to, for the source line: "/usr/bin/op", "the shell builtin", or why it cannot be checked statically.</summary>
    /// <exception cref="CredentialException">HelperNotFound (<c>CLAWKER1012</c>).</exception>
    public static string Resolve(ApiKeyHelperSetting helper, ClawkerEnvironment environment, string workingDirectory)
    {
        // A NUL cannot reach exec (Claude Code's spawn refuses it too); .NET would throw an uncoded ArgumentException.
        if (helper.Command.Contains('\0', StringComparison.Ordinal))
        {
            throw NotFound(helper, "the command contains a NUL character, which no shell can be given");
        }

        var word = FirstWord(helper.Command, environment, out var dynamic);
        if (dynamic)
        {
            return "not checked: its first word is computed by the shell";
        }

        if (word.Length == 0)
        {
            throw NotFound(helper, "the command has no first word to run");
        }

        if (Builtins.Contains(word))
        {
            return "a shell builtin";
        }

        var isPath = word.Contains('/', StringComparison.Ordinal) || (environment.IsWindows && word.Contains('\\', StringComparison.Ordinal));
        if (word.Contains('\0', StringComparison.Ordinal))
        {
            throw NotFound(helper, "its first word expands (through a variable) to text with a NUL character");
        }

        if (isPath)
        {
            var path = Path.GetFullPath(word, workingDirectory);
            return Executable(path) switch
            {
                Found.Yes => path,
                Found.NotExecutable => throw NotFound(helper, $"its first word is a path ({word.Length} characters) to a file that is not executable; chmod +x it"),
                Found.Folder => throw NotFound(helper, $"its first word is a path ({word.Length} characters) to a folder, not a program"),
                _ => throw NotFound(helper, $"its first word is a path ({word.Length} characters) that does not exist"),
            };
        }

        foreach (var candidate in OnPath(word, environment))
        {
            if (Executable(candidate) == Found.Yes)
            {
                return candidate;
            }
        }

        throw NotFound(helper, $"its first word ({word.Length} characters) is not a shell builtin and is not found on PATH");
    }

    /// <summary>The first word the shell would run, after assignments; <paramref name="dynamic"/> when it depends on command substitution.</summary>
    internal static string FirstWord(string command, ClawkerEnvironment environment, out bool dynamic)
    {
        dynamic = false;
        var i = 0;
        while (true)
        {
            var word = NextWord(command, ref i, environment, out var assignment, ref dynamic);
            if (dynamic || !assignment)
            {
                return word;
            }
        }
    }

    private static string NextWord(string s, ref int i, ClawkerEnvironment environment, out bool assignment, ref bool dynamic)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        var word = new StringBuilder();
        var start = i;
        var quoted = false;
        assignment = false;
        while (i < s.Length && !(s[i] is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '<' or '>' or ')' && !quoted))
        {
            var c = s[i];
            if (c == '\'' && !quoted)
            {
                var end = s.IndexOf('\'', i + 1);
                end = end < 0 ? s.Length : end;
                word.Append(s, i + 1, end - i - 1);
                i = end + 1;
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
                i++;
                continue;
            }

            if (c == '\\' && i + 1 < s.Length)
            {
                word.Append(s[i + 1]);
                i += 2;
                continue;
            }

            if (c == '`' || (c == '$' && i + 1 < s.Length && s[i + 1] == '(') || (c is '(' or '{' && i == start))
            {
                dynamic = true;
                return "";
            }

            if (c == '$' && Variable(s, i + 1, out var name, out var length))
            {
                word.Append(environment.Variable(name) ?? (name == "HOME" ? environment.HomeDirectory : ""));
                i += 1 + length;
                continue;
            }

            if (c == '=' && !assignment && i > start && IsName(s.AsSpan(start, i - start)))
            {
                assignment = true;
            }

            word.Append(c);
            i++;
        }

        var text = word.ToString();
        // Only an unquoted leading ~ is the home folder.
        if (start < s.Length && s[start] == '~' && (text == "~" || text.StartsWith("~/", StringComparison.Ordinal)))
        {
            text = environment.HomeDirectory + text[1..];
        }

        return text;
    }

    private static bool Variable(string s, int at, out string name, out int length)
    {
        var braced = at < s.Length && s[at] == '{';
        var from = braced ? at + 1 : at;
        var to = from;
        while (to < s.Length && (char.IsAsciiLetterOrDigit(s[to]) || s[to] == '_'))
        {
            to++;
        }

        name = s[from..to];
        length = to - at + (braced && to < s.Length && s[to] == '}' ? 1 : 0);
        return name.Length > 0 && !char.IsAsciiDigit(name[0]) && (!braced || (to < s.Length && s[to] == '}'));
    }

    private static readonly SearchValues<char> NameChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    private static bool IsName(ReadOnlySpan<char> text) =>
        text.Length > 0 && !char.IsAsciiDigit(text[0]) && !text.ContainsAnyExcept(NameChars);

    private static IEnumerable<string> OnPath(string word, ClawkerEnvironment environment)
    {
        var extensions = environment.IsWindows
            ? ["", .. (environment.Variable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries)]
            : new[] { "" };
        foreach (var dir in (environment.Variable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                yield return Path.Combine(dir, word + extension);
            }
        }
    }

    private enum Found
    {
        No,
        Yes,
        NotExecutable,
        Folder,
    }

    private static Found Executable(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return Found.Folder;
            }

            if (!File.Exists(path))
            {
                return Found.No;
            }

            if (OperatingSystem.IsWindows())
            {
                return Found.Yes;
            }

            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return (File.GetUnixFileMode(path) & anyExecute) != 0 ? Found.Yes : Found.NotExecutable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Found.No;
        }
    }

    private static CredentialException NotFound(ApiKeyHelperSetting helper, string reason) => new(
        CredentialErrorKind.HelperNotFound,
        helper.File,
        $"The {helper} does not resolve: {reason}. Claude Code would fail to get a key from it; fix the command in that file (the message never shows it).");
}
