using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Clawker.MSBuild.TaskHost;

/// <summary>
/// What MSBuild's side and the native task host (clawker-taskhost) say to each other, one line per
/// record, each field escaped (<see cref="Escape"/>) and fields separated by a tab.
/// <para>Request, on the host's stdin: the <see cref="Header"/> line, the task's name, then one
/// <c>name TAB value</c> line per input property that is set, and an empty line. Reply, on its
/// stdout: <c>A</c> once it has taken the task, the task's log (<c>E</c>/<c>W</c> subcategory code
/// message, <c>M</c> importance message), its string outputs (<c>O</c> name value), and last
/// <c>R</c> with 1 (succeeded) or 0. Without <c>A</c> the task runs in MSBuild instead; after it, a
/// reply without <c>R</c> is CLAWKER5005 (NativeTaskHost). Nothing else crosses: the host logs only what the
/// task would log in MSBuild, so no secret reaches the pipe that would not reach the build log.</para>
/// </summary>
internal static class TaskHostProtocol
{
    /// <summary>The first line of a request: the protocol and the exact build of the task assembly, which the host's must match.</summary>
    public static string Header { get; } = "clawker-taskhost 1 " + (typeof(TaskHostProtocol).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unversioned");

    /// <summary>The one input never sent: the host runs the task itself.</summary>
    public const string NotSent = "UseNativeTaskHost";

    /// <summary>A reply larger than this is not a task's log: the host is treated as broken.</summary>
    public const int MaxReplyChars = 4 * 1024 * 1024;

    /// <summary>The input properties the host sets: public, read-write, <see cref="string"/> or <see cref="bool"/>.</summary>
    public static IEnumerable<PropertyInfo> Inputs([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type taskType) =>
        taskType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.DeclaringType != typeof(Task) && p.CanRead && p.GetSetMethod() is not null && p.GetIndexParameters().Length == 0
                && (p.PropertyType == typeof(string) || p.PropertyType == typeof(bool)));

    /// <summary>The outputs the host reports: <see cref="OutputAttribute"/> properties of type <see cref="string"/>.</summary>
    public static IEnumerable<PropertyInfo> Outputs([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type taskType) =>
        taskType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.IsDefined(typeof(OutputAttribute)));

    /// <summary>One record: its fields escaped, tab-separated, ending with a line break.</summary>
    public static string Line(params string?[] fields) => string.Join('\t', fields.Select(Escape)) + "\n";

    /// <summary>Splits one line back into its fields.</summary>
    public static string[] Fields(string line) => line.Split('\t').Select(Unescape).ToArray();

    /// <summary>Backslash, tab, line feed and carriage return as <c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\r</c>: a field never breaks a line or a record.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\\",
                '\t' => @"\t",
                '\n' => @"\n",
                '\r' => @"\r",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    /// <summary>The inverse of <see cref="Escape"/>; a backslash before any other character (or at the end) stands for itself.</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                switch (value[i])
                {
                    case 't': text.Append('\t'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case '\\': text.Append('\\'); break;
                    default: text.Append('\\').Append(value[i]); break;
                }
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }
}
