using System.Text.Json;
using Clawker.Diagnostics;
using Clawker.IO;

namespace Clawker.Keyring;

/// <summary>Where an <c>apiKeyHelper</c> was found: its command (never shown: it may hold anything) and the settings file.</summary>
/// <param name="Command">The shell command as stored.</param>
/// <param name="File">The settings file that set it.</param>
internal sealed record ApiKeyHelperSetting(string Command, string File)
{
    /// <summary>Shows the file only: the command is free text.</summary>
    public override string ToString() => $"apiKeyHelper in {File}";
}

/// <summary>
/// Claude Code's settings files, read only for <c>apiKeyHelper</c>, in Claude Code's order of
/// precedence (highest first): managed settings (the <c>managed-settings.d</c> drop-ins, the
/// last in name order winning, then <c>managed-settings.json</c>), the project's
/// <c>.claude/settings.local.json</c>, its <c>.claude/settings.json</c>, then the user's
/// <c>$CLAUDE_CONFIG_DIR/settings.json</c> or <c>~/.claude/settings.json</c>. The files are
/// hostile input: read as regular files only, size-capped, time-bounded; errors give a position,
/// never content.
/// </summary>
internal static class ClaudeCodeSettings
{
    /// <summary>The setting's name in Claude Code's settings files.</summary>
    public const string ApiKeyHelperKey = "apiKeyHelper";

    /// <summary>The most read of one settings file; Claude Code's are a few KiB.</summary>
    public const long MaxFileBytes = 1 << 20;

    // Enough for any real drop-in folder; a folder of thousands of files is not read through.
    private const int MaxDropIns = 64;

    /// <summary>The OS's managed-settings folder, as Claude Code's settings page lists it.</summary>
    public static string ManagedDirectory(ClawkerEnvironment environment) =>
        environment.IsWindows ? @"C:\Program Files\ClaudeCode"
        : OperatingSystem.IsMacOS() ? "/Library/Application Support/ClaudeCode"
        : "/etc/claude-code";

    /// <summary>The settings files in Claude Code's precedence, highest first; those that do not exist are included (they are skipped when read).</summary>
    public static IReadOnlyList<string> Files(ClawkerEnvironment environment, string? projectDirectory, string managedDirectory)
    {
        var files = new List<string>();
        files.AddRange(DropIns(Path.Combine(managedDirectory, "managed-settings.d")));
        files.Add(Path.Combine(managedDirectory, "managed-settings.json"));
        if (projectDirectory is not null)
        {
            files.Add(Path.Combine(projectDirectory, ".claude", "settings.local.json"));
            files.Add(Path.Combine(projectDirectory, ".claude", "settings.json"));
        }

        var user = environment.Variable(ClaudeCodeCredentials.ConfigDirVariable) ?? Path.Combine(environment.HomeDirectory, ".claude");
        files.Add(Path.Combine(user, "settings.json"));
        return files;
    }

    /// <summary>The <c>apiKeyHelper</c> of the first file (in <see cref="Files"/> order) that sets one; a blank value counts as unset.</summary>
    /// <exception cref="CredentialException">SettingsFileInvalid (<c>CLAWKER1011</c>), or Timeout (<c>CLAWKER1006</c>) for a file not read in time.</exception>
    public static async Task<ApiKeyHelperSetting?> FindApiKeyHelperAsync(IReadOnlyList<string> files, TimeSpan timeout, List<string> notes, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            var text = await ReadAsync(file, timeout, notes, cancellationToken).ConfigureAwait(false);
            if (text is not null && ApiKeyHelperIn(text, file) is { } command)
            {
                return new ApiKeyHelperSetting(command, file);
            }
        }

        return null;
    }

    /// <summary>The non-blank <c>apiKeyHelper</c> string of one settings file's text; the last of duplicate keys wins, as in <c>JSON.parse</c>.</summary>
    /// <exception cref="CredentialException">SettingsFileInvalid: not JSON (position only), not an object, or the value is not a string.</exception>
    public static string? ApiKeyHelperIn(string text, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw Invalid(file, $"it is not valid JSON{JsonFault.Position(e) ?? ""}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(file, "its top level is not a JSON object");
            }

            JsonElement? found = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals(ApiKeyHelperKey))
                {
                    found = property.Value;
                }
            }

            return found switch
            {
                null => null,
                { ValueKind: JsonValueKind.Null } => null,
                { ValueKind: JsonValueKind.String } value => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString(),
                _ => throw Invalid(file, $"'{ApiKeyHelperKey}' is not a string"),
            };
        }
    }

    private static async Task<string?> ReadAsync(string file, TimeSpan timeout, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            return await RegularFile.Bounded(() => RegularFile.ReadText(file, MaxFileBytes), file, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.NotFound)
        {
            return null;
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.Denied)
        {
            // As for the credentials file: a permission to fix, not a broken file; this user's Claude Code cannot read it either.
            notes.Add($"Claude Code's settings file {file} was passed over: {e.Reason}; an apiKeyHelper set there is not seen by this user's Claude Code either.");
            return null;
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.TimedOut)
        {
            throw new CredentialException(CredentialErrorKind.Timeout, file,
                $"Claude Code's settings file {file} could not be read within {timeout.TotalMilliseconds:0} ms (a stalled file system?). Check the file system it is on, or raise {KeyringOptions.TimeoutVariable} (or the build's keyring timeout option).", e);
        }
        catch (FileReadException e)
        {
            throw Invalid(file, e.Reason, e);
        }
    }

    private static List<string> DropIns(string folder)
    {
        try
        {
            if (RegularFile.KindOf(folder) != FileKind.Directory)
            {
                return [];
            }

            // Claude Code merges them in name order, so the last one wins: highest precedence first here.
            return Directory.EnumerateFiles(folder, "*.json")
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .Take(MaxDropIns)
                .Reverse()
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(folder, $"the folder cannot be listed ({e.GetType().Name})", e);
        }
    }

    private static CredentialException Invalid(string file, string reason, Exception? inner = null) => new(
        CredentialErrorKind.SettingsFileInvalid,
        file,
        $"Claude Code's settings file {file} cannot be read for '{ApiKeyHelperKey}': {reason}. Claude Code reads it too: fix or remove it (the message never shows its content).",
        inner);
}
