using System.Text.Json;
using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary>
/// Checks the Claude Code settings the bundle gives the agent: the image's defaults
/// (<c>~/.claude-init/settings.json</c>, the built-in asset or its override, merged into
/// <c>~/.claude/settings.json</c> at start) and a <c>~/.claude/settings.json</c> added as an
/// extra file. No credential in <c>env</c> (refused), and an <c>apiKeyHelper</c> the image has
/// (<see cref="ApiKeyHelperCheck"/>). Values are never part of a message.
/// </summary>
internal static class BundledSettings
{
    /// <summary>The variables that carry a credential into Claude Code (docs/keyring.md has the precedence).</summary>
    internal static readonly string[] CredentialVariables = ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN"];

    /// <summary>Checks every settings file of <paramref name="entries"/>; returns the warnings, throws on what must not be built.</summary>
    public static IReadOnlyList<ClawkerFinding> Check(IReadOnlyList<ContextEntry> entries, string agentUser, bool builtInDockerfile)
    {
        var home = $"home/{agentUser}/";
        var paths = new[] { home + ".claude-init/" + AssetNames.Settings, home + ".claude/" + AssetNames.Settings };
        var byPath = entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var findings = new List<ClawkerFinding>();
        foreach (var path in paths)
        {
            if (byPath.TryGetValue(path, out var entry) && !entry.IsDirectory)
            {
                findings.AddRange(CheckOne(path, entry.Content!, byPath, agentUser, builtInDockerfile));
            }
        }

        return findings;
    }

    private static List<ClawkerFinding> CheckOne(string path, byte[] content, IReadOnlyDictionary<string, ContextEntry> entries, string agentUser, bool builtInDockerfile)
    {
        using var document = Parse(path, content);
        var findings = new List<ClawkerFinding>();
        // Every occurrence: JSON allows a key twice, and the last one wins for Claude Code and jq alike.
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.NameEquals("env"))
            {
                RefuseCredentials(path, property.Value);
            }
            else if (property.NameEquals("apiKeyHelper"))
            {
                var helper = property.Value;
                if (helper.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (helper.ValueKind != JsonValueKind.String)
                {
                    throw BundleException.SettingsInvalid(path, $"sets apiKeyHelper to a JSON {Kind(helper)}, not a string (the command Claude Code runs for a key).");
                }

                if (ApiKeyHelperCheck.Check(path, helper.GetString()!, entries, agentUser, builtInDockerfile) is { } finding)
                {
                    findings.Add(finding);
                }
            }
        }

        return findings;
    }

    private static JsonDocument Parse(string path, byte[] content)
    {
        // JSON's reader checks UTF-8 only when a string is read: a bad byte would surface later, uncoded.
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            throw BundleException.SettingsInvalid(path, "is not UTF-8 text.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            // The reader's message quotes the text near the fault, which may be a token: the position only.
            throw BundleException.SettingsInvalid(path, $"is not valid JSON{JsonFault.Position(e)}.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = Kind(document.RootElement);
            document.Dispose();
            throw BundleException.SettingsInvalid(path, $"holds a JSON {kind}, not an object of settings.");
        }

        return document;
    }

    private static void RefuseCredentials(string path, JsonElement env)
    {
        if (env.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (env.ValueKind != JsonValueKind.Object)
        {
            throw BundleException.SettingsInvalid(path, $"sets env to a JSON {Kind(env)}, not an object of variables.");
        }

        foreach (var variable in env.EnumerateObject())
        {
            var name = CredentialVariables.FirstOrDefault(variable.NameEquals);
            // An empty value sets nothing; any other (a number becomes its text) is a credential in the image.
            var blank = variable.Value.ValueKind == JsonValueKind.Null
                || (variable.Value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(variable.Value.GetString()));
            if (name is not null && !blank)
            {
                throw BundleException.CredentialInSettings(path, name);
            }
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "object",
    };
}
