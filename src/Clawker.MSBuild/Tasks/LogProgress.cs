namespace Clawker.MSBuild.Tasks;

/// <summary>Relays library progress lines to the task's log in order (Progress&lt;T&gt; would post to the thread pool and could log after the task returned).</summary>
internal sealed class LogProgress(Action<string> log) : IProgress<string>
{
    public void Report(string value) => log(value);
}
