using System.Text.Json;
using Clawker.Docker;
using Docker.DotNet.Models;

namespace Clawker.Publishing;

/// <summary>
/// Reads the engine's push message stream to its end: the first <c>error</c> (failures arrive
/// inside an HTTP 200 answer), the digest from dockerd's <c>aux</c> message or podman's
/// <c>"&lt;tag&gt;: digest: sha256:... size: N"</c> status, and one progress line per layer state
/// (not every percentage). Synchronous, so lines keep their order. When one request pushes several
/// tags, only <paramref name="tag"/>'s digest is taken.
/// </summary>
internal sealed class PushOutput(IProgress<string>? progress, string tag) : IProgress<JSONMessage>
{
    private const string DigestMarker = "digest: ";
    private const int MaxMessages = 1_000_000;
    private int _messages;

    public string? Error { get; private set; }

    public string? Digest { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value is null || ++_messages > MaxMessages)
        {
            throw new EngineAnswerException("POST /images/push", value is null ? "a push message that is null" : "more push messages than any push sends");
        }

        if (value.Error is { } error)
        {
            Error ??= EngineText.Excerpt(error.Message) is { Length: > 0 } text ? text : "the engine reported an error without a message";
            return;
        }

        if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("Digest", out var digest) && (!aux.TryGetValue("Tag", out var auxTag) || Text(auxTag) == tag))
        {
            var text = Text(digest);
            Digest = text is not null && RegistryApi.IsDigest(text) ? text : Digest;
        }

        if (string.IsNullOrWhiteSpace(value.Status))
        {
            return;
        }

        var at = value.Status.IndexOf(DigestMarker, StringComparison.Ordinal);
        if (at >= 0 && value.Status.StartsWith(tag + ": ", StringComparison.Ordinal) && value.Status.Length >= at + DigestMarker.Length + 71 && value.Status.Substring(at + DigestMarker.Length, 71) is var found && RegistryApi.IsDigest(found))
        {
            Digest ??= found;
        }

        // "Pushing" repeats with every chunk sent: one line per state change is what people read.
        if (value.Progress is null)
        {
            progress?.Report(EngineText.Excerpt(string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}", 300));
        }
    }

    private static string? Text(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };
}
