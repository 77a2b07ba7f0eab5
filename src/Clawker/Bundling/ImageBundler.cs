namespace Clawker.Bundling;

/// <summary>
/// Writes the agent image's build context: a folder (for <c>docker build DIR</c> and BuildKit),
/// the same as a deterministic tar (for the Engine API) and manifest.json, and computes the
/// content hash and tag. The entry point for the MSBuild task, the Cake alias and the image build.
/// </summary>
public static class ImageBundler
{
    /// <summary>The context folder's name inside <see cref="BundleOptions.OutputDirectory"/>.</summary>
    public const string ContextDirectoryName = "context";

    /// <summary>The tar's name inside <see cref="BundleOptions.OutputDirectory"/>.</summary>
    public const string TarFileName = "context.tar";

    /// <summary>The manifest's name inside <see cref="BundleOptions.OutputDirectory"/>.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>
    /// Validates the options, renders the context and writes what changed. Unchanged inputs
    /// write nothing (<see cref="BundleResult.FilesWritten"/> is 0 and mtimes stay).
    /// </summary>
    /// <exception cref="InvalidImageOptionException"><c>CLAWKER3002</c>: an option is invalid.</exception>
    /// <exception cref="AssetOverrideException"><c>CLAWKER3001</c>: an override or extra file cannot be read.</exception>
    public static BundleResult Bundle(BundleOptions options)
    {
        var plan = BundlePlan.Create(options);
        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);

        var contextDirectory = string.IsNullOrEmpty(options.ContextDirectory)
            ? Path.Combine(output, ContextDirectoryName)
            : Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.ContextDirectory));
        var tarPath = Path.Combine(output, TarFileName);
        var manifestPath = Path.Combine(output, ManifestFileName);

        var (written, removed) = ContextDirectory.Sync(contextDirectory, plan.Entries);
        written += AtomicFile.WriteIfChanged(tarPath, plan.Tar) ? 1 : 0;
        written += AtomicFile.WriteIfChanged(manifestPath, plan.Manifest) ? 1 : 0;

        var files = plan.Entries
            .Where(e => !e.IsDirectory)
            .Select(e => new BundleFile(e.Path, e.Mode, ContentHasher.Sha256(e.Content!), e.Content!.Length))
            .ToList();
        return new BundleResult(contextDirectory, tarPath, manifestPath, plan.Tag, plan.ContentHash, files, written, removed);
    }
}
