using Clawker.Docker;
using Docker.DotNet.Models;

namespace Clawker.Images;

/// <summary>
/// Reads the engine's pull message stream to its end: the first <c>error</c> (failures arrive
/// inside an HTTP 200 answer), the <c>Digest: sha256:...</c> status, and one line per layer state
/// (not every percentage). Synchronous, so lines keep their order.
/// </summary>
internal sealed class PullOutput(IProgress<string>? progress) : IProgress<JSONMessage>
{
    private const string DigestPrefix = "Digest: ";
    private const int MaxMessages = 1_000_000;
    private int _messages;

    public string? Error { get; private set; }

    public string? Digest { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value is null || ++_messages > MaxMessages)
        {
            throw new EngineAnswerException("POST /images/create", value is null ? "a pull message that is null" : "more pull messages than any pull sends");
        }

        if (value.Error is { } error)
        {
            Error ??= EngineText.Excerpt(error.Message) is { Length: > 0 } text ? text : "the engine reported an error without a message";
            return;
        }

        if (string.IsNullOrWhiteSpace(value.Status))
        {
            return;
        }

        if (value.Status.StartsWith(DigestPrefix, StringComparison.Ordinal) && Publishing.RegistryApi.IsDigest(value.Status[DigestPrefix.Length..].Trim()))
        {
            Digest = value.Status[DigestPrefix.Length..].Trim();
        }

        // "Downloading" repeats with every chunk: one line per state change is what people read.
        if (value.Progress is null)
        {
            progress?.Report("  " + EngineText.Excerpt(string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}", 300));
        }
    }
}
