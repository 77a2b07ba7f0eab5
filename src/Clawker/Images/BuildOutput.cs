using System.Text;
using System.Text.Json;
using Clawker.Docker;
using Clawker.Images.BuildKit;
using Docker.DotNet.Models;

namespace Clawker.Images;

/// <summary>
/// Reads the engine's build message stream (<c>stream</c>, <c>status</c>, <c>errorDetail</c>,
/// <c>aux</c>) as it arrives: forwards readable lines to the caller's progress, and remembers
/// what a failure report needs (the step being run, its last output lines, the error) and the
/// built image's ID. Implements <see cref="IProgress{T}"/> synchronously so lines keep their
/// order (<see cref="Progress{T}"/> would post them to the thread pool). A <c>stream</c>
/// message carries whatever chunk a step's process wrote, not a line, so text is held until
/// its newline arrives; <see cref="Complete"/> flushes a last line that has none. BuildKit's
/// status arrives as <c>moby.buildkit.trace</c> messages (<see cref="BuildKitProgress"/>).
/// </summary>
internal sealed class BuildOutput : IProgress<JSONMessage>
{
    private const string BuildKitTrace = "moby.buildkit.trace";

    private const int KeptLines = 20;

    // Bounds on engine text: a line forwarded to the log, and a line kept for a failure report.
    private const int MaxLineLength = 2000;
    private const int MaxKeptLineLength = 240;
    private readonly Queue<string> _stepOutput = new();
    private readonly StringBuilder _partialLine = new();
    private readonly IProgress<string>? _progress;
    private readonly BuildKitProgress _buildKit;
    private string? _classicStep;

    public BuildOutput(IProgress<string>? progress)
    {
        _progress = progress;
        _buildKit = new BuildKitProgress(line => progress?.Report(line));
    }

    /// <summary>
    /// The step that failed (BuildKit names it), else the last step the classic builder announced,
    /// for example <c>Step 3/7 : RUN npm install</c> or <c>[3/7] RUN npm install</c>.
    /// </summary>
    public string? CurrentStep => _buildKit.FailedStep ?? _classicStep;

    /// <summary>Whether the engine sent BuildKit status messages (it built with BuildKit).</summary>
    public bool SawBuildKit { get; private set; }

    /// <summary>The first error the engine reported, if any.</summary>
    public string? Error { get; private set; }

    /// <summary>The image ID from the engine's <c>aux</c> message, once the build succeeded.</summary>
    public string? ImageId { get; private set; }

    /// <summary>The last lines the current (BuildKit: the failed) step printed, oldest first.</summary>
    public IReadOnlyCollection<string> StepOutput => _buildKit.FailedStep is null ? _stepOutput : _buildKit.FailedStepOutput;

    /// <summary>
    /// One message of the raw stream: BuildKit's trace (base64 protobuf in <c>aux</c>), or a
    /// classic message (<c>stream</c>, <c>status</c>, <c>error</c>, <c>aux.ID</c>).
    /// </summary>
    /// <exception cref="EngineAnswerException">The message is no JSON object, or a trace payload is not base64 protobuf.</exception>
    public void Report(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new EngineAnswerException("POST /build", $"a build message that is {message.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }

        if (Text(message, "id") == BuildKitTrace && message.TryGetProperty("aux", out var aux) && aux.ValueKind == JsonValueKind.String)
        {
            OnTrace(aux);
            return;
        }

        Report(ToMessage(message));
    }

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
            _progress?.Report("error: " + message);
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
        _buildKit.Complete();
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

        line = EngineText.Printable(Cut(line, MaxLineLength));

        // The classic builder announces each instruction as "Step N/M : INSTRUCTION", podman's buildah as "STEP N/M: INSTRUCTION".
        if ((line.StartsWith("Step ", StringComparison.Ordinal) && line.Contains(" : ", StringComparison.Ordinal))
            || (line.StartsWith("STEP ", StringComparison.Ordinal) && line.Contains(": ", StringComparison.Ordinal)))
        {
            _classicStep = line;
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

        _progress?.Report(line);
    }

    private void OnTrace(JsonElement aux)
    {
        SawBuildKit = true;
        BuildKitStatus status;
        try
        {
            status = BuildKitStatus.Decode(aux.GetBytesFromBase64());
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or Google.Protobuf.InvalidProtocolBufferException)
        {
            // The engine's words are not repeated: only that they could not be read.
            throw new EngineAnswerException("POST /build", "a BuildKit status (moby.buildkit.trace) that is not base64 protobuf");
        }

        _buildKit.Apply(status);
    }

    // The classic fields, typed as Docker.DotNet would (a wrong type is no value, not a crash).
    private static JSONMessage ToMessage(JsonElement message)
    {
        var result = new JSONMessage { Stream = Text(message, "stream"), Status = Text(message, "status"), ID = Text(message, "id") };
        var error = message.TryGetProperty("errorDetail", out var detail) && detail.ValueKind == JsonValueKind.Object ? Text(detail, "message") : null;
        error ??= Text(message, "error");
        if (error is not null || message.TryGetProperty("error", out _))
        {
            result.Error = new JSONError { Message = error ?? string.Empty };
        }

        if (message.TryGetProperty("aux", out var aux) && aux.ValueKind == JsonValueKind.Object)
        {
            result.Aux = new ObjectExtensionData
            {
                ExtensionData = aux.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.Clone(), StringComparer.Ordinal),
            };
        }

        return result;
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Cut(string line, int max) =>
        line.Length <= max ? line : string.Concat(line.AsSpan(0, char.IsHighSurrogate(line[max - 1]) ? max - 1 : max), "... (line cut)");
}
