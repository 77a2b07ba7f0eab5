using System.Formats.Tar;
using System.Text;
using Clawker.Keyring;

namespace Clawker.GlobalsLogin;

/// <summary>
/// The one-file tar archives the Engine API's archive endpoint speaks. Reading is bounded and
/// strict: the answer is read up to a cap, and it must hold exactly one regular file, the login;
/// a link, a folder, a second entry or a file over the cap is refused (a volume is written by
/// agents, so anything may be there). Errors name the volume, never the content.
/// </summary>
internal static class LoginArchive
{
    /// <summary>The file's name in the volume, as the agents' entrypoint links it.</summary>
    public const string FileName = ".credentials.json";

    // Tar headers (and a PAX header) around one file: far less than this.
    private const int HeaderAllowance = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the answer of <c>GET /containers/{id}/archive</c> and returns the login's text.</summary>
    /// <param name="answer">The tar stream.</param>
    /// <param name="source">The volume, for messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CredentialException">Of kind <see cref="CredentialErrorKind.InvalidSchema"/>: not one regular file within the cap, not a tar, not UTF-8.</exception>
    public static async Task<string> ReadLoginAsync(Stream answer, string source, CancellationToken cancellationToken)
    {
        var limit = ClaudeCodeCredentials.MaxFileBytes + HeaderAllowance;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await answer.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw Refused(source, $"the engine's archive of it is larger than {limit} bytes (the login is at most {ClaudeCodeCredentials.MaxFileBytes})");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        byte[] content;
        try
        {
            using var tar = new TarReader(buffer, leaveOpen: true);
            var entry = tar.GetNextEntry(copyData: false) ?? throw Refused(source, "the engine's archive is empty");
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                // A link would point the check (and agents) at another file; never follow it.
                throw Refused(source, $"it is not a regular file (a {Describe(entry.EntryType)})");
            }

            if (!string.Equals(entry.Name.Replace("./", string.Empty, StringComparison.Ordinal).TrimEnd('/'), FileName, StringComparison.Ordinal))
            {
                // Podman follows a link itself and archives its target under the target's name.
                throw Refused(source, "it is a link to another file (the engine followed it)");
            }

            if (entry.Length > ClaudeCodeCredentials.MaxFileBytes)
            {
                throw Refused(source, $"it is larger than {ClaudeCodeCredentials.MaxFileBytes} bytes");
            }

            content = new byte[entry.Length];
            if (entry.Length > 0)
            {
                entry.DataStream!.ReadExactly(content);
            }

            if (tar.GetNextEntry(copyData: false) is not null)
            {
                throw Refused(source, "the engine's archive holds more than the one file (a folder in its place?)");
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            throw Refused(source, "the engine's answer is not a valid tar archive");
        }

        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw Refused(source, "it is not UTF-8 text");
        }
    }

    /// <summary>A tar holding <see cref="FileName"/> with <paramref name="text"/>, mode 0600, owned by <paramref name="uid"/>:<paramref name="gid"/>.</summary>
    /// <param name="text">The login, verbatim.</param>
    /// <param name="uid">The agent's uid.</param>
    /// <param name="gid">The agent's gid.</param>
    /// <param name="time">The file's modification time.</param>
    /// <returns>The archive, positioned at its start.</returns>
    public static MemoryStream Single(string text, int uid, int gid, DateTimeOffset time)
    {
        var archive = new MemoryStream();
        using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var data = new MemoryStream(StrictUtf8.GetBytes(text));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, FileName)
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                Uid = uid,
                Gid = gid,
                ModificationTime = time,
                DataStream = data,
            });
        }

        archive.Position = 0;
        return archive;
    }

    private static string Describe(TarEntryType type) => type switch
    {
        TarEntryType.SymbolicLink => "symbolic link",
        TarEntryType.HardLink => "hard link",
        TarEntryType.Directory => "folder",
        TarEntryType.Fifo => "FIFO",
        TarEntryType.CharacterDevice or TarEntryType.BlockDevice => "device",
        _ => "non-regular entry",
    };

    private static CredentialException Refused(string source, string why) =>
        new(CredentialErrorKind.InvalidSchema, source,
            $"The login in {source} ({FileName}) cannot be read: {why}. Nothing was followed or changed. Remove it (an agent's /login writes a fresh one).");
}
