using System.Text.Json;

namespace Clawker.Bundling;

/// <summary>
/// Refuses a bundle that would bake a Claude Code login into the image: a file named
/// <c>.credentials.json</c> (or a backup of one, <c>.credentials.json.*</c>) anywhere in the
/// context, or any file whose content is Claude Code's credentials JSON (a top-level object
/// with <c>claudeAiOauth</c>, see /work/shared/reference/claude-code-credentials.md), whatever
/// its name. Nothing of the content reaches a message.
/// </summary>
internal static class CredentialFiles
{
    private const string FileName = ".credentials.json";
    private const string LoginKey = "claudeAiOauth";

    public static void Refuse(IEnumerable<ContextEntry> entries)
    {
        foreach (var entry in entries.Where(e => !e.IsDirectory))
        {
            var name = entry.Path[(entry.Path.LastIndexOf('/') + 1)..];
            // Ignoring case: a checkout on Windows or macOS does not tell the two apart either.
            if (name.StartsWith(FileName, StringComparison.OrdinalIgnoreCase))
            {
                throw BundleException.CredentialFileInBundle(entry.Path, $"named {FileName}, the file Claude Code keeps its login in");
            }

            if (HoldsLogin(entry.Content!))
            {
                throw BundleException.CredentialFileInBundle(entry.Path, $"its content is Claude Code's credentials JSON, with {LoginKey}");
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="content"/> is a JSON object with a top-level <c>claudeAiOauth</c>
    /// member. Read token by token with no depth limit, so neither deep nesting nor a fault after
    /// the member hides a login; text that is not such JSON up to that member is no login.
    /// </summary>
    internal static bool HoldsLogin(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        var start = content.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || content[start] != (byte)'{')
        {
            return false;
        }

        var reader = new Utf8JsonReader(content[start..], new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(LoginKey))
                {
                    return true;
                }

                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
                {
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON before any login member: no credentials file.
        }

        return false;
    }
}
