using System.Globalization;
using System.Text;

namespace Clawker.Images.BuildKit;

/// <summary>
/// Turns BuildKit's status messages into the lines people read: one when a step starts
/// (<c>[2/6] COPY . /x</c>), one when it ends (<c>[2/6] COPY . /x 0.4s</c>, <c>... CACHED</c>,
/// <c>... ERROR: ...</c>), and the step's output lines, indented, between. Remembers the failing
/// step and its last output for the failure report. Bounded whatever the engine sends: names and
/// lines are cut, at most <see cref="MaxSteps"/> steps are followed, a few lines kept per step.
/// </summary>
internal sealed class BuildKitProgress(Action<string> report)
{
    /// <summary>Steps followed; a stream announcing more (no real Dockerfile does) has the rest ignored.</summary>
    public const int MaxSteps = 1000;

    private const int KeptLines = 20;
    private const int MaxNameLength = 240;
    private const int MaxLineLength = 2000;
    private const int MaxKeptLineLength = 240;

    private readonly Dictionary<string, Step> _steps = new(StringComparer.Ordinal);
    private Step? _failed;

    /// <summary>The name of the step that failed (the first with an error other than a cancellation), if any.</summary>
    public string? FailedStep => _failed?.Name;

    /// <summary>The failed step's error as BuildKit gave it.</summary>
    public string? FailedStepError => _failed?.Error;

    /// <summary>The last lines the failed step printed, oldest first; empty without a failed step.</summary>
    public IReadOnlyCollection<string> FailedStepOutput => _failed?.Kept ?? (IReadOnlyCollection<string>)[];

    /// <summary>Applies one status message.</summary>
    public void Apply(BuildKitStatus status)
    {
        foreach (var vertex in status.Vertexes)
        {
            OnVertex(vertex);
        }

        foreach (var log in status.Logs)
        {
            if (_steps.TryGetValue(log.Vertex, out var step))
            {
                OnText(step, Encoding.UTF8.GetString(log.Message));
            }
        }
    }

    /// <summary>Reports every step's output held since its last newline (the stream ended).</summary>
    public void Complete()
    {
        foreach (var step in _steps.Values)
        {
            Flush(step);
        }
    }

    private void OnVertex(BuildKitVertex vertex)
    {
        if (!_steps.TryGetValue(vertex.Digest, out var step))
        {
            if (_steps.Count >= MaxSteps)
            {
                return;
            }

            step = new Step(Cut(vertex.Name.Length > 0 ? vertex.Name : "(unnamed step)", MaxNameLength));
            _steps[vertex.Digest] = step;
        }

        if (step.Done)
        {
            return;
        }

        if (vertex.Cached)
        {
            step.Done = true;
            report(step.Name + " CACHED");
            return;
        }

        if (vertex.Started is not null && !step.Announced)
        {
            step.Announced = true;
            step.Started = vertex.Started;
            report(step.Name);
        }

        if (vertex.Completed is { } completed)
        {
            step.Done = true;
            Flush(step);
            if (vertex.Error is { } error)
            {
                step.Error = Cut(error, MaxLineLength);
                report($"{step.Name} ERROR: {step.Error}");
                if (_failed is null || (IsCancellation(_failed.Error!) && !IsCancellation(step.Error)))
                {
                    _failed = step;
                }
            }
            else
            {
                report($"{step.Name} {Seconds(step.Started ?? vertex.Started, completed)}");
            }
        }
    }

    private void OnText(Step step, string text)
    {
        var start = 0;
        for (var newline = text.IndexOf('\n', StringComparison.Ordinal); newline >= 0; newline = text.IndexOf('\n', start))
        {
            Append(step, text.AsSpan(start, newline - start));
            start = newline + 1;
            Flush(step);
        }

        Append(step, text.AsSpan(start));
    }

    // An endless line is reported in pieces of the line bound, never held whole.
    private void Append(Step step, ReadOnlySpan<char> text)
    {
        while (step.Partial.Length + text.Length > MaxLineLength)
        {
            var room = MaxLineLength - step.Partial.Length;
            step.Partial.Append(text[..room]);
            text = text[room..];
            Flush(step);
        }

        step.Partial.Append(text);
    }

    private void Flush(Step step)
    {
        if (step.Partial.Length == 0)
        {
            return;
        }

        var line = Docker.EngineText.Printable(step.Partial.ToString().TrimEnd('\r'));
        step.Partial.Clear();
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (step.Kept.Count == KeptLines)
        {
            step.Kept.Dequeue();
        }

        step.Kept.Enqueue(Cut(line, MaxKeptLineLength));
        report("  " + line);
    }

    private static bool IsCancellation(string error) =>
        error.Contains("context canceled", StringComparison.OrdinalIgnoreCase) || error.Equals("canceled", StringComparison.OrdinalIgnoreCase);

    private static string Seconds(DateTimeOffset? started, DateTimeOffset completed) =>
        started is { } s && completed >= s
            ? (completed - s).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
            : "done";

    private static string Cut(string text, int max)
    {
        var line = Docker.EngineText.Printable(text.ReplaceLineEndings(" "));
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, char.IsHighSurrogate(line[max - 1]) ? max - 1 : max), "...");
    }

    private sealed class Step(string name)
    {
        public string Name { get; } = name;

        public bool Announced { get; set; }

        public bool Done { get; set; }

        public DateTimeOffset? Started { get; set; }

        public string? Error { get; set; }

        public StringBuilder Partial { get; } = new();

        public Queue<string> Kept { get; } = new();
    }
}
