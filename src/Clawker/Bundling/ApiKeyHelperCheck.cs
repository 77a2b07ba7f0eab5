using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary>
/// Whether the image has the <c>apiKeyHelper</c> its settings name. Claude Code runs the setting
/// through a shell, so only its first word is the program: a path (absolute, <c>~/</c> or
/// <c>$HOME/</c>) must be an executable file the bundle puts there (else CLAWKER3005); a bare
/// name is looked up on the agent's PATH, a relative path from its working directory, and any
/// other shell syntax expands at run time: those cannot be checked (a CLAWKER3006 warning). Only
/// the first word ever reaches a message: the rest of the command may hold a secret.
/// </summary>
internal static class ApiKeyHelperCheck
{
    private static readonly System.Buffers.SearchValues<char> ShellSyntax = System.Buffers.SearchValues.Create("$`\\\"'*?[;&|<>(){}~=");

    /// <summary>A warning when the helper cannot be checked; null when it is in the bundle; throws CLAWKER3005 when it is not.</summary>
    public static ClawkerFinding? Check(string settingsPath, string command, IReadOnlyDictionary<string, ContextEntry> entries, string agentUser, bool builtInDockerfile)
    {
        var word = FirstWord(command.Trim());
        if (word.Length == 0)
        {
            return null;
        }

        var home = "/home/" + agentUser;
        var path = word switch
        {
            _ when word.StartsWith("~/", StringComparison.Ordinal) => home + word[1..],
            _ when word.StartsWith("$HOME/", StringComparison.Ordinal) => home + word[5..],
            _ when word.StartsWith("${HOME}/", StringComparison.Ordinal) => home + word[7..],
            _ => word,
        };
        var shown = Printable(word);
        if (path.AsSpan().IndexOfAny(ShellSyntax) >= 0)
        {
            return Unchecked(settingsPath, shown, "holds shell syntax that expands only when Claude Code runs it");
        }

        if (!path.Contains('/', StringComparison.Ordinal))
        {
            return Unchecked(settingsPath, shown, "is a command looked up on the agent's PATH (from the base image or a package), which the bundle cannot see");
        }

        if (!path.StartsWith('/'))
        {
            return Unchecked(settingsPath, shown, "is a relative path, resolved from the agent's working directory (the mounted workspace), which is not part of the image");
        }

        var normalized = Normalize(path);
        var candidates = new List<string> { normalized.TrimStart('/') };
        // The entrypoint copies every ~/.claude-init entry missing from ~/.claude there at start.
        var config = home + "/.claude/";
        if (normalized.StartsWith(config, StringComparison.Ordinal))
        {
            candidates.Add($"home/{agentUser}/.claude-init/" + normalized[config.Length..]);
        }

        var inHome = normalized.StartsWith("/home/", StringComparison.Ordinal);
        if (builtInDockerfile && !inHome)
        {
            throw BundleException.ApiKeyHelperNotInBundle(settingsPath, shown,
                "is not a file the bundle puts into the image (the built-in Dockerfile copies only home/ to /home/); name it without a path to have it looked up on the agent's PATH.");
        }

        var entry = candidates.Select(c => entries.GetValueOrDefault(c) ?? entries.GetValueOrDefault(c + "/")).FirstOrDefault(e => e is not null);
        if (entry is null)
        {
            if (!builtInDockerfile)
            {
                return Unchecked(settingsPath, shown, "is not at that path in the build context, and the Dockerfile override decides what the image holds");
            }

            throw BundleException.ApiKeyHelperNotInBundle(settingsPath, shown,
                $"is not a file of the bundle (looked for {string.Join(" and ", candidates)} in the build context).");
        }

        if (entry.IsDirectory)
        {
            throw BundleException.ApiKeyHelperNotInBundle(settingsPath, shown, $"is a folder of the bundle ({entry.Path}), not a program.");
        }

        if ((entry.Mode & UnixFileMode.UserExecute) == 0)
        {
            throw BundleException.ApiKeyHelperNotInBundle(settingsPath, shown,
                $"is in the bundle as {entry.Path} with mode {entry.OctalMode}, not executable (a file gets 0755 when its name ends in .sh or its first line starts with #!).");
        }

        return null;
    }

    private static ClawkerFinding Unchecked(string settingsPath, string shown, string why) => new(ClawkerPolicy.Warning, ErrorCodes.ApiKeyHelperUnchecked,
        $"The bundled Claude Code settings file {settingsPath} sets apiKeyHelper to run {shown}, which {why}: Clawker cannot check that the agents have it. Make sure the image provides it, or bundle the helper and name it by its path under /home/<agent user>/.");

    /// <summary>The program: up to the first blank (a quote in it is shell syntax, so never checked as a path).</summary>
    private static string FirstWord(string command)
    {
        var end = 0;
        while (end < command.Length && !char.IsWhiteSpace(command[end]))
        {
            end++;
        }

        return command[..end];
    }

    /// <summary>Folds <c>//</c>, <c>.</c> and <c>..</c> parts as the kernel does for a path without links.</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }

    private static string Printable(string word)
    {
        // A key pasted as the helper, or passed as NAME=value before it, must not reach a build log.
        if (word.Contains('=', StringComparison.Ordinal))
        {
            return $"a NAME=value assignment ({word.Length} characters, not shown: it may hold a key)";
        }

        if (word.StartsWith("sk-ant-", StringComparison.OrdinalIgnoreCase))
        {
            return $"a word that looks like an Anthropic key ({word.Length} characters, not shown)";
        }

        var text = new string([.. word.Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > 200 ? text[..200] + "..." : text;
    }
}
