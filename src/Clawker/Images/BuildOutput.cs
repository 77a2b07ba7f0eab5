using System.Text.Json;
using Docker.DotNet.Models;

namespace Clawker.Images;

/// <summary>
/// Reads the engine's build message stream (<c>stream</c>, <c>status</c>, <c>errorDetail</c>,
/// <c>aux</c>) as it arrives: forwards readable lines to the caller's progress, and remembers
/// what a failure report needs (the step being run, its last output lines, the error) and the
/// built image's ID. Implements <see cref="IProgress{T}"/> synchronously so lines keep their
/// order (<see cref="Progress{T}"/> would post them to the thread pool).
/// </summary>
internal sealed class BuildOutput(IProgress<string>? progress) : IProgress<JSONMessage>
{
    private const int KeptLines = 20;
    private readonly Queue<string> _stepOutput = new();

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
        if (value.Error is { } error)
        {
            var message = string.IsNullOrWhiteSpace(error.Message) ? "the engine reported an error without a message" : error.Message.Trim();
            Error ??= message;
            progress?.Report("error: " + message);
        }

        if (!string.IsNullOrEmpty(value.Stream))
        {
            foreach (var line in value.Stream.Split('\n'))
            {
                OnLine(line.TrimEnd('\r'));
            }
        }

        if (!string.IsNullOrWhiteSpace(value.Status))
        {
            // Pull progress and similar: "<id>: Downloading" lines.
            OnLine(string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}");
        }

        if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id))
        {
            ImageId = id switch
            {
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                _ => ImageId,
            };
        }
    }

    private void OnLine(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

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

            _stepOutput.Enqueue(line);
        }

        progress?.Report(line);
    }
}
