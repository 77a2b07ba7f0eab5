using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using Clawker.MSBuild.TaskHost;
using Clawker.MSBuild.Tasks;

// One request in (stdin), the task's log and outputs out (stdout), as TaskHostProtocol says.
// Exit code 0: replied; 2: a request this host cannot take, so the caller runs the task itself.
// Ctrl+C reaches the whole foreground group, this host too: it is kept, so the task's own handler
// cancels it and its cleanup runs (a helper container removed, ssh ended) as it would in MSBuild.
// The end of stdin cancels it as well, when MSBuild is cancelled or gone.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, static context => context.Cancel = true);
var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
if (input.ReadLine() is not { } header || TaskHostProtocol.Unescape(header) != TaskHostProtocol.Header)
{
    return 2;
}

return input.ReadLine() switch
{
    nameof(ValidateClawkerCredentials) => TaskRun.Execute<ValidateClawkerCredentials>(input, output),
    nameof(EnsureClawkerGlobalsVolume) => TaskRun.Execute<EnsureClawkerGlobalsVolume>(input, output),
    _ => 2,
};

/// <summary>Sets the request's inputs on a new task, runs it, writes its outputs and the end record.</summary>
internal static class TaskRun
{
    public static int Execute<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(StreamReader input, StreamWriter output)
        where T : ClawkerTask, new()
    {
        var task = new T();
        var inputs = TaskHostProtocol.Inputs(typeof(T)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        while (input.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                // Taken: from here on the caller never runs the task itself (it may be partly done).
                output.Write(TaskHostProtocol.Line("A"));
                output.Flush();
                task.BuildEngine = new ReplyingBuildEngine(output);
                // The end of stdin (the build cancelled, or MSBuild gone) cancels the task, as Ctrl+C would in MSBuild.
                new Thread(() => WaitForEnd(input, task)) { IsBackground = true, Name = "stdin" }.Start();
                var succeeded = task.Execute();
                foreach (var outputProperty in TaskHostProtocol.Outputs(typeof(T)))
                {
                    output.Write(TaskHostProtocol.Line("O", outputProperty.Name, (string?)outputProperty.GetValue(task)));
                }

                output.Write(TaskHostProtocol.Line("R", succeeded ? "1" : "0"));
                output.Flush();
                return 0;
            }

            var fields = TaskHostProtocol.Fields(line);
            if (fields.Length != 2 || !inputs.TryGetValue(fields[0], out var property) || property.Name == TaskHostProtocol.NotSent)
            {
                return 2;
            }

            if (property.PropertyType == typeof(bool))
            {
                if (fields[1] is not ("true" or "false"))
                {
                    return 2;
                }

                property.SetValue(task, fields[1] == "true");
            }
            else
            {
                property.SetValue(task, fields[1]);
            }
        }

        return 2; // no end of request
    }

    private static void WaitForEnd(StreamReader input, ClawkerTask task)
    {
        try
        {
            while (input.Read() >= 0)
            {
            }
        }
        catch (IOException)
        {
        }

        task.Cancel();
    }
}
