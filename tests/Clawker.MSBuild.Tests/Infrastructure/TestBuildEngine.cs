using System.Collections;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.Tests.Infrastructure;

/// <summary>An <see cref="IBuildEngine"/> that records what a task logs, for task unit tests.</summary>
internal sealed class TestBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    /// <summary>Every logged text, for "never contains" checks.</summary>
    public IEnumerable<string> AllText =>
        Errors.Select(e => $"{e.Code} {e.Message}")
            .Concat(Warnings.Select(w => $"{w.Code} {w.Message}"))
            .Concat(Messages.Select(m => m.Message ?? string.Empty));

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.csproj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    // Locked: a task may log from another thread while a test reads (see MessagesSnapshot).
    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (Errors)
        {
            Errors.Add(e);
        }
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (Messages)
        {
            Messages.Add(e);
        }
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (Warnings)
        {
            Warnings.Add(e);
        }
    }

    /// <summary>The messages so far, safe to read while a task runs on another thread.</summary>
    public string[] MessagesSnapshot()
    {
        lock (Messages)
        {
            return [.. Messages.Select(m => m.Message ?? string.Empty)];
        }
    }
}
