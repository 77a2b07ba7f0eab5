namespace Clawker.Diagnostics;

/// <summary>
/// Work a caller stops waiting for (at a timeout, a cancel or an aborted connection) that still
/// ends later, often by throwing. Its failure is observed here, so the host's
/// <see cref="TaskScheduler.UnobservedTaskException"/> never reports a fault nobody could act on.
/// </summary>
internal static class AbandonedTask
{
    /// <summary>Observes <paramref name="task"/>'s exception whenever it faults; harmless on a task that is also awaited.</summary>
    public static void Observe(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
