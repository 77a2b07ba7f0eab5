namespace Clawker.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding Clawker.sln) from the test's output folder.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Clawker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Clawker.sln not found above {AppContext.BaseDirectory}");
    });

    public static string Path => Root.Value;
}
