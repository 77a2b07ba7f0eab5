using Cake.Core.Diagnostics;

namespace Clawker.Cake.Diagnostics;

/// <summary>Library progress lines to the Cake log, in order and before the alias returns (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class CakeLogProgress(ICakeLog log) : IProgress<string>
{
    public void Report(string value) => log.Information("{0}", value);
}
