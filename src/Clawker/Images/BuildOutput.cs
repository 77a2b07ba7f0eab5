using System.Text;
using System.Text.Json;
using Clawker.Docker;
using Docker.DotNet.Models;

namespace Clawker.Images;

/// <summary>
/// Reads the engine's build message stream (<c>stream</c>, <c>status</c>, <c>errorDetail</c>,
/// <c>aux</c>) as it arrives: forwards readable lines to the caller's progress, and remembers
/// what a failure report needs (the step being run, its last output lines, the error) and the
/// built image's ID. Implements <see cref="IProgress{T}"/> synchronously so lines keep their
/// order (<see cref="Progress{T}"/> would post them to the thread pool). A <c>stream</c>
/// message carries whatever chunk a step's process wrote, not a line, so text is held until
/// its newline arrives; <see cref="Complete"/> flushes a last line that has none.
/// </summary>
internal sealed class BuildOutput(IProgress<string>? progress) : IProgress<JSONMessage>
{
    private const int KeptLines = 20;

    // Bounds on engine text: a line forwarded to the log, and a line kept for a failure report.
    private const int MaxLineLength = 2000;
    private const int MaxKeptLineLength = 240;
    private readonly Queue<string> _stepOutput = new();
    private readonly StringBuilder _partialLine = new();

    /// <summary>The last step the engine announced, for example <c>Step 3/7 : RUN npm install</c>.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>The first error the engine reported, if any.</summary>
    public string? Error { get; private set; }

    /// <summary>The image ID from the engine's <c>aux</c> message, once the build succeeded.</summary>
    public string? ImageId { get; private set; }

    /// <summary>The last lines the current step printed, oldest first.</summary>
    public IReadOnlyCollection<string> StepOutput => _stepOutput;

    /// <inheritdoc/>
    public void Report(JSONMessage value)
    {
        // Docker.DotNet hands on a JSON null as it is.
        if (value is null)
        {
            throw new EngineAnswerException("POST /build", "a build message that is null");
        }

        if (value.Error is { } error)
        {
            Complete();
            var message = EngineText.Excerpt(error.Message) is { Length: > 0 } text ? text : "the engine reported an error without a message";
            Error ??= message;
            progress?.Report("error: " + message);
        }

        if (!string.IsNullOrEmpty(value.Stream))
        {
            OnText(value.Stream);
        }

        if (!string.IsNullOrWhiteSpace(value.Status))
        {
            Complete();
            // Pull progress and similar: "<id>: Downloading" lines.
            OnLine(string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}");
        }

        if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id))
        {
            ImageId = id switch
            {
                string text => EngineText.Excerpt(text, 100),
                JsonElement { ValueKind: JsonValueKind.String } element => EngineText.Excerpt(element.GetString(), 100),
                _ => ImageId,
            };
        }
    }

    /// <summary>Reports the text held since the last newline, if any (the stream ended without one).</summary>
    public void Complete()
    {
        if (_partialLine.Length > 0)
        {
            var line = _partialLine.ToString();
            _partialLine.Clear();
            OnLine(line.TrimEnd('\r'));
        }
    }

    private void OnText(string text)
    {
        var start = 0;
        for (var newline = text.IndexOf('\n', StringComparison.Ordinal); newline >= 0; newline = text.IndexOf('\n', start))
        {
            _partialLine.Append(text, start, newline - start);
            start = newline + 1;
            var line = _partialLine.ToString();
            _partialLine.Clear();
            OnLine(line.TrimEnd('\r'));
        }

        _partialLine.Append(text, start, text.Length - start);
    }

    private void OnLine(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        line = Cut(line, MaxLineLength);

        // The classic builder announces each instruction as "Step N/M : INSTRUCTION".
        if (line.StartsWith("Step ", StringComparison.Ordinal) && line.Contains(" : ", StringComparison.Ordinal))
        {
            CurrentStep = line;
            _stepOutput.Clear();
        }
        else
        {
            if (_stepOutput.Count == KeptLines)
            {
                _stepOutput.Dequeue();
            }

            _stepOutput.Enqueue(Cut(line, MaxKeptLineLength));
        }

        progress?.Report(line);
    }

    private static string Cut(string line, int max) =>
        line.Length <= max ? line : string.Concat(line.AsSpan(0, char.IsHighSurrogate(line[max - 1]) ? max - 1 : max), "... (line cut)");
}
