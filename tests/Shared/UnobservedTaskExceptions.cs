using System.Collections.Concurrent;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// Collects the process's unobserved task exceptions while it lives, for a test that proves its
/// subject leaves none. The event is the whole process's, and tests run in parallel: a fake server
/// in another test may leave one whose stack holds no Clawker frame. <see cref="FromClawker"/> keeps
/// those that went through Clawker's own code, which are the defects these tests look for; the
/// assertion message shows every one collected, so a failure says whose it was.
/// </summary>
internal sealed class UnobservedTaskExceptions : IDisposable
{
    private readonly ConcurrentQueue<string> _seen = new();

    /// <summary>Starts collecting.</summary>
    public UnobservedTaskExceptions() => TaskScheduler.UnobservedTaskException += Collect;

    /// <summary>Every exception collected so far, with its stack.</summary>
    public IReadOnlyList<string> All => [.. _seen];

    /// <summary>Finalizes what is garbage now (a faulted task is reported when it is finalized), then gives those thrown through Clawker's library code.</summary>
    public IReadOnlyList<string> FromClawker()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return [.. _seen.Where(ThroughClawker)];
    }

    /// <summary>All of them, for an assertion message.</summary>
    public override string ToString() => _seen.IsEmpty ? "(none)" : string.Join("\n---\n", _seen);

    /// <inheritdoc />
    public void Dispose() => TaskScheduler.UnobservedTaskException -= Collect;

    private void Collect(object? sender, UnobservedTaskExceptionEventArgs e) => _seen.Enqueue(e.Exception.ToString());

    private static bool ThroughClawker(string stack) =>
        stack.Split('\n').Any(line => line.TrimStart().StartsWith("at Clawker.", StringComparison.Ordinal) && !line.TrimStart().StartsWith("at Clawker.Tests.", StringComparison.Ordinal));
}
