using System.Collections;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.TaskHost;

/// <summary>The host's build engine: every event the task logs, written as a reply record (TaskHostProtocol); its location is the task's in MSBuild.</summary>
internal sealed class ReplyingBuildEngine(TextWriter output) : IBuildEngine
{
    private readonly object _gate = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => string.Empty;

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("The Clawker tasks build no projects.");

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
        // The Clawker tasks log none.
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Write(TaskHostProtocol.Line("E", e.Subcategory, e.Code, e.Message));

    public void LogWarningEvent(BuildWarningEventArgs e) => Write(TaskHostProtocol.Line("W", e.Subcategory, e.Code, e.Message));

    public void LogMessageEvent(BuildMessageEventArgs e) => Write(TaskHostProtocol.Line("M", ((int)e.Importance).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message));

    // Locked: a task may log from another thread.
    private void Write(string record)
    {
        lock (_gate)
        {
            output.Write(record);
        }
    }
}
