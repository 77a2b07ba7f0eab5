using System.Formats.Tar;
using System.Text;
using Clawker.GlobalsLogin;
using Clawker.Keyring;

namespace Clawker.Tests.GlobalsLogin;

/// <summary>
/// Hostile answers to the volume read (GET /containers/{id}/archive): whatever the engine sends,
/// the result is the login or CLAWKER1003 (InvalidSchema) naming the volume, in bounded memory,
/// never an uncoded exception and never the content.
/// </summary>
public sealed class LoginArchiveHostileTests
{
    private const string Secret = "sk-ant-oat01-KNOWN-VOLUME-SECRET";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Tar(Action<TarWriter> write)
    {
        using var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(tar);
        }

        return stream.ToArray();
    }

    private static PaxTarEntry File(string name, string text, IEnumerable<KeyValuePair<string, string>>? pax = null) =>
        new(TarEntryType.RegularFile, name, pax ?? []) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };

    /// <summary>A ustar header with a size field of <paramref name="size"/> octal digits written verbatim (checksum fixed).</summary>
    private static byte[] RawHeader(string name, string size, char type = '0')
    {
        var block = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(block, 0);
        Encoding.ASCII.GetBytes("0000600\0").CopyTo(block, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(block, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(block, 116);
        Encoding.ASCII.GetBytes(size).CopyTo(block, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(block, 136);
        block[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(block, 257);
        for (var i = 148; i < 156; i++)
        {
            block[i] = (byte)' ';
        }

        var sum = block.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(block, 148);
        return [.. block, .. new byte[1024]];
    }

    public static TheoryData<string> Answers() =>
    [
        "many entries", "pax path traversal", "raw size overflow", "raw size non-octal",
        "hard link to login", "symlink", "global pax first", "truncated data", "garbage", "huge answer", "empty",
    ];

    private static byte[] Answer(string kind) => kind switch
    {
        "many entries" => Tar(t =>
        {
            t.WriteEntry(File(LoginArchive.FileName, "{}"));
            for (var i = 0; i < 2000; i++)
            {
                t.WriteEntry(File($"x{i}", ""));
            }
        }),
        "pax path traversal" => Tar(t => t.WriteEntry(File("../../etc/" + LoginArchive.FileName, Secret))),
        "raw size overflow" => RawHeader(LoginArchive.FileName, "77777777777\0"),
        "raw size non-octal" => RawHeader(LoginArchive.FileName, "9z9z9z9z9z9\0"),
        "hard link to login" => RawHeader(LoginArchive.FileName, "00000000000\0", '1'),
        "symlink" => Tar(t => t.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, LoginArchive.FileName) { LinkName = "/etc/shadow" })),
        "global pax first" => Tar(t =>
        {
            t.WriteEntry(new PaxGlobalExtendedAttributesTarEntry([new("comment", "x")]));
            t.WriteEntry(File(LoginArchive.FileName, "{}"));
        }),
        "truncated data" => Tar(t => t.WriteEntry(File(LoginArchive.FileName, Secret + new string('x', 4000))))[..1100],
        "garbage" => Encoding.UTF8.GetBytes(Secret + new string('\u00ff', 3000)),
        "huge answer" => Tar(t => t.WriteEntry(File(LoginArchive.FileName, Secret + new string(' ', 3_000_000)))),
        "empty" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_hostile_archive_is_CLAWKER1003_naming_the_volume_and_never_the_content(string kind)
    {
        using var answer = new MemoryStream(Answer(kind));

        var error = await Should.ThrowAsync<CredentialException>(() => LoginArchive.ReadLoginAsync(answer, "volume clawker-globals", Ct))
            .OfKind(CredentialErrorKind.InvalidSchema);

        error.Code.ShouldBe("CLAWKER1003");
        error.Message.ShouldContain("volume clawker-globals");
        error.ToString().ShouldNotContain(Secret);
        error.ToString().ShouldNotContain("KNOWN-VOLUME");
    }
}
