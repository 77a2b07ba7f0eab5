using System.Diagnostics;

namespace Clawker.IO;

/// <summary>Finds a program the way a shell does: a path as given, else the first match on the environment's PATH.</summary>
internal static class ExecutableSearch
{
    /// <summary>
    /// <paramref name="name"/> itself when it holds a directory separator; else the first
    /// <c>PATH</c> entry holding it (on Windows also <c>NAME.exe</c>); else <paramref name="name"/>,
    /// so that starting it fails with the OS's own "not found".
    /// </summary>
    /// <param name="environment">Whose PATH to search.</param>
    /// <param name="name">A program name (<c>ssh</c>) or path.</param>
    public static string Find(ClawkerEnvironment environment, string name)
    {
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return name;
        }

        string[] names = environment.IsWindows && !name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? [name + ".exe", name] : [name];
        foreach (var dir in (environment.Variable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in names.Select(n => Path.Combine(dir, n)))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return name;
    }

    /// <summary>How to start <paramref name="fileName"/> with <paramref name="arguments"/> (passed as they are, no shell) and its three streams redirected.</summary>
    public static ProcessStartInfo Redirected(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
