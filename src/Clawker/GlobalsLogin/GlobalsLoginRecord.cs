using System.Globalization;
using System.Text.Json;
using Clawker.Bundling;
using Clawker.Docker;
using Clawker.IO;

namespace Clawker.GlobalsLogin;

/// <summary>
/// A passed check of the login on the volume, kept in a file of the caller's (MSBuild: beside the
/// project's intermediate output), so that a <c>dotnet run</c> soon after another does not read the
/// volume again: reading it creates and removes a helper container, most of the check's time.
/// The record holds no token: the verdict, when it was reached, the login's expiry and the
/// volume's identity (engine, name, creation time: a volume removed and made again is a new
/// one). It is used while it matches, for <see cref="Lifetime"/> and never past the login's
/// expiry less <see cref="ExpiryMargin"/>. Clawker overwrites only a file that is a record of its
/// own; anything else at that path is left as it is, and nothing is recorded.
/// </summary>
internal static class GlobalsLoginRecord
{
    /// <summary>How long a record is used: a login an agent changes (a logout, a new login) is seen within it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>A login this close to its expiry is read again, so an agent's refresh is seen before it matters.</summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    private const string Marker = "clawker globals login check";

    // A record is a few hundred bytes; anything larger is not one.
    private const int MaxBytes = 4096;

    // A stalled (network) file system must not hang the build: past this, the volume is read instead.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The report the record gives for this volume now, or <see langword="null"/> when the volume must be read.</summary>
    public static async Task<GlobalsLoginReport?> ReuseAsync(string file, DockerEndpoint endpoint, string volume, string? createdAt, GlobalsLoginOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(createdAt) || await ReadAsync(file, cancellationToken).ConfigureAwait(false) is not { Record: { } record })
        {
            return null;
        }

        var now = options.TimeProvider.GetUtcNow();
        var matches = record.Endpoint == endpoint.ToString() && record.Volume == volume && record.VolumeCreatedAt == createdAt
            && record.CheckedAt <= now && now - record.CheckedAt < Lifetime
            && record.Outcome switch
            {
                GlobalsLoginOutcome.LoginFound => record.ExpiresAt is { } expires && now + ExpiryMargin < expires,
                // Seeding acts on an empty volume: it must look again.
                GlobalsLoginOutcome.NoLogin => !options.Seed,
                _ => false,
            };
        if (!matches)
        {
            return null;
        }

        var until = record.CheckedAt + Lifetime;
        var note = record.Outcome == GlobalsLoginOutcome.LoginFound
            ? $"The login in volume {volume} passed its check at {Time(record.CheckedAt)} (it expires {Time(record.ExpiresAt!.Value)}); not read again until {Time(until)} (recorded in {file})."
            : $"There was no login in volume {volume} at {Time(record.CheckedAt)}: the first agent will ask for /login. Not read again until {Time(until)} (recorded in {file}).";
        return new GlobalsLoginReport(volume, record.Outcome) { Notes = [note], RecordedAt = record.CheckedAt };
    }

    /// <summary>
    /// Records a clean pass (a login without findings, or no login when not seeding); returns a
    /// note when it could not, else <see langword="null"/>. Never throws: a record is only a shortcut.
    /// </summary>
    public static async Task<string?> SaveAsync(string file, DockerEndpoint endpoint, string volume, string? createdAt, GlobalsLoginReport report, GlobalsLoginOptions options, CancellationToken cancellationToken)
    {
        var recordable = !string.IsNullOrEmpty(createdAt) && report.Findings.Count == 0 && report.Outcome switch
        {
            GlobalsLoginOutcome.LoginFound => report.Login is { ExpiresAt: not null, Findings.Count: 0 },
            GlobalsLoginOutcome.NoLogin => !options.Seed,
            _ => false,
        };
        if (!recordable)
        {
            // A verdict that is not recorded (a seeded volume, a finding) voids an earlier record of
            // ours, which would otherwise answer for the volume as it was.
            if (report.Outcome != GlobalsLoginOutcome.NoVolume && (await ReadAsync(file, cancellationToken).ConfigureAwait(false)).Ours)
            {
                TryDelete(file);
            }

            return null;
        }

        // What is there now must be nothing or a record of ours. Between this look and the rename
        // below, another program could put a file there, which the rename would replace (docs/keyring.md).
        if ((await ReadAsync(file, cancellationToken).ConfigureAwait(false)).Problem is { } problem)
        {
            return $"The check of volume {volume} was not recorded: {problem}";
        }

        try
        {
            // A check run without a build (dotnet build -t:ClawkerValidateCredentials) finds no obj/ folder yet.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file)) ?? throw new IOException("the path has no folder"));
            // A temporary file and a rename, which replaces the path itself (a link there is replaced, never followed).
            AtomicFile.WriteIfChanged(file, Serialize(endpoint, volume, createdAt!, report, options.TimeProvider.GetUtcNow()));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"The check of volume {volume} was not recorded in {file}: {e.Message}";
        }
    }

    private static byte[] Serialize(DockerEndpoint endpoint, string volume, string createdAt, GlobalsLoginReport report, DateTimeOffset checkedAt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("recordOf", Marker);
            json.WriteNumber("version", 1);
            json.WriteString("endpoint", endpoint.ToString());
            json.WriteString("volume", volume);
            json.WriteString("volumeCreatedAt", createdAt);
            json.WriteString("outcome", report.Outcome.ToString());
            json.WriteString("checkedAt", Iso(checkedAt));
            if (report.Login?.ExpiresAt is { } expires)
            {
                json.WriteString("expiresAt", Iso(expires));
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed record Entry(string Endpoint, string Volume, string VolumeCreatedAt, GlobalsLoginOutcome Outcome, DateTimeOffset CheckedAt, DateTimeOffset? ExpiresAt);

    /// <summary>
    /// What is at <paramref name="file"/>: nothing (all empty); a record of ours (<c>Ours</c>; <c>Record</c>
    /// null when it is one this version cannot use); or something else, with what makes it not one in words (<c>Problem</c>).
    /// </summary>
    private static async Task<(string? Problem, bool Ours, Entry? Record)> ReadAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            // A link is never followed: the rename that writes a record would replace the link, not its target.
            if (new FileInfo(file).LinkTarget is not null)
            {
                return ($"{file} is a link, not a record Clawker wrote; it was left as it is.", false, null);
            }

            if (RegularFile.KindOf(file) == FileKind.Missing)
            {
                return (null, false, null);
            }

            using var document = JsonDocument.Parse(await RegularFile.ReadAsync(file, MaxBytes, ReadTimeout, cancellationToken).ConfigureAwait(false));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("recordOf", out var marker) || marker.ValueKind != JsonValueKind.String || !marker.ValueEquals(Marker))
            {
                return ($"{file} is not a record Clawker wrote; it was left as it is.", false, null);
            }

            // Ours, in any version: a record this version cannot use is replaced by the next check.
            return (null, true, Parse(root));
        }
        catch (FileReadException e) when (e.Failure is FileReadFailure.NotRegular or FileReadFailure.TooLarge)
        {
            return ($"{file} is not a record Clawker wrote ({e.Reason}); it was left as it is.", false, null);
        }
        catch (JsonException)
        {
            return ($"{file} is not a record Clawker wrote (not JSON); it was left as it is.", false, null);
        }
        catch (FileReadException e)
        {
            // Unreadable (denied, timed out): it cannot be shown to be ours, so it is not replaced.
            return ($"{file} could not be read ({e.Reason}); it was left as it is.", false, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return ($"{file} could not be read ({e.Message}); it was left as it is.", false, null);
        }
    }

    private static Entry? Parse(JsonElement root)
    {
        try
        {
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            // Only what SaveAsync writes: ISO 8601 in UTC, within years that mean anything here.
            DateTimeOffset? Moment(string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var moment)
                && value.GetString()!.EndsWith('Z') && moment.Year is > 2000 and < 3000 ? moment : null;
            GlobalsLoginOutcome? Outcome(string? name) => name switch
            {
                nameof(GlobalsLoginOutcome.LoginFound) => GlobalsLoginOutcome.LoginFound,
                nameof(GlobalsLoginOutcome.NoLogin) => GlobalsLoginOutcome.NoLogin,
                _ => null,
            };

            return root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v == 1
                && Text("endpoint") is { } endpoint && Text("volume") is { } volume && Text("volumeCreatedAt") is { } createdAt
                && Outcome(Text("outcome")) is { } outcome && Moment("checkedAt") is { } checkedAt
                ? new Entry(endpoint, volume, createdAt, outcome, checkedAt, Moment("expiresAt"))
                : null;
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-16 once decoded (a lone surrogate): not usable.
            return null;
        }
    }

    // UTC with a Z, the one form Parse accepts.
    private static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset moment) => moment.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Our record could not be deleted: until it expires (15 minutes at most) it may still answer for the volume as it was.
        }
    }
}
