namespace Clawker.Tests.Infrastructure;

/// <summary>A temporary folder of the test's own, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "clawker-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
