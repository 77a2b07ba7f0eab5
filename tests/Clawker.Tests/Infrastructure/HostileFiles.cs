namespace Clawker.Tests.Infrastructure;

/// <summary>Puts something that is not a readable regular file where a file is expected.</summary>
internal static class HostileFiles
{
    /// <summary>The shapes <see cref="Place"/> knows: a FIFO, a folder, a link to <c>/dev/zero</c>, a file over every cap (50 MB).</summary>
    public static IReadOnlyList<string> Shapes { get; } = ["fifo", "folder", "dev-zero", "50MB"];

    /// <summary>Every shape in each of <paramref name="files"/>: the rows of a theory over (file, shape).</summary>
    public static TheoryData<string, string> Cases(params string[] files)
    {
        var rows = new TheoryData<string, string>();
        foreach (var file in files)
        {
            foreach (var shape in Shapes)
            {
                rows.Add(file, shape);
            }
        }

        return rows;
    }

    public static void Place(string path, string shape)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (shape)
        {
            case "fifo":
                using (var mkfifo = Process.Start("mkfifo", [path]))
                {
                    mkfifo.WaitForExit();
                    mkfifo.ExitCode.ShouldBe(0);
                }

                break;
            case "folder":
                Directory.CreateDirectory(path);
                break;
            case "dev-zero":
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            case "50MB":
                using (var file = File.Create(path))
                {
                    file.Write("{\"a\":\""u8);
                    file.SetLength(50L << 20); // zero bytes after: large, and not JSON
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }
    }
}
