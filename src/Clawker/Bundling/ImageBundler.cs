namespace Clawker.Bundling;

/// <summary>
/// Writes the agent image's build context: a folder (for <c>docker build DIR</c> and BuildKit),
/// the same as a deterministic tar (for the Engine API) and manifest.json, and computes the
/// content hash and tag. The entry point for the MSBuild task, the Cake alias and the image build.
/// </summary>
public static class ImageBundler
{
    /// <summary>
    /// The asset root a surface uses by default: the repository holding <paramref name="folder"/>
    /// (the nearest folder, links resolved, with a <c>.git</c> folder or file), else
    /// <paramref name="folder"/> itself, links resolved. See <see cref="BundleOptions.AssetRoots"/>.
    /// </summary>
    /// <param name="folder">The project folder, or the build script's working directory.</param>
    /// <returns>The full path of the tree's root.</returns>
    public static string DefaultAssetRoot(string folder) => AssetTree.RepositoryOf(folder);

    /// <summary>The context folder's name inside <see cref="BundleOptions.OutputDirectory"/>.</summary>
    public const string ContextDirectoryName = "context";

    /// <summary>The tar's name inside <see cref="BundleOptions.OutputDirectory"/>.</summary>
    public const string TarFileName = "context.tar";

    /// <summary>The manifest's name inside <see cref="BundleOptions.OutputDirectory"/>.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>
    /// The lock file inside <see cref="BundleOptions.OutputDirectory"/>: a bundle holds it
    /// exclusively (the OS's file lock) while it writes, so bundles into one folder take turns.
    /// </summary>
    public const string LockFileName = ".clawker-bundle.lock";

    /// <summary>
    /// The ownership record inside <see cref="BundleOptions.OutputDirectory"/>: the context
    /// folder's path and every file and folder the bundle wrote. The bundle empties or overwrites
    /// only what it lists; it is updated before a new file is created.
    /// </summary>
    public const string RecordFileName = ".clawker-bundle.json";

    /// <summary>
    /// Validates the options, renders the context and writes what changed. Unchanged inputs
    /// write nothing (<see cref="BundleResult.FilesWritten"/> is 0 and mtimes stay). Bundles into
    /// one output folder take turns (<see cref="LockFileName"/>).
    /// </summary>
    /// <param name="options">What to bundle and where.</param>
    /// <param name="cancellationToken">Cancels a wait for another bundle into the same folder.</param>
    /// <returns>The tag, content hash, paths and what was written.</returns>
    /// <exception cref="BundleException">Of kind <see cref="BundleErrorKind.InvalidOption"/> (<c>CLAWKER3002</c>): an option is invalid, or the context folder is not the bundle&apos;s own; <see cref="BundleErrorKind.AssetUnreadable"/> (<c>CLAWKER3001</c>): an override or extra file cannot be read; <see cref="BundleErrorKind.AssetOutsideTree"/> (<c>CLAWKER3004</c>): an asset leads outside the asset roots; <see cref="BundleErrorKind.FilesUnavailable"/> (<c>CLAWKER3003</c>): the output or context folder cannot be written.</exception>
    public static BundleResult Bundle(BundleOptions options, CancellationToken cancellationToken = default)
    {
        var plan = BundlePlan.Create(options);
        var output = FullPath(options.OutputDirectory, nameof(BundleOptions.OutputDirectory));
        var contextDirectory = string.IsNullOrEmpty(options.ContextDirectory)
            ? Path.Combine(output, ContextDirectoryName)
            : FullPath(options.ContextDirectory, nameof(BundleOptions.ContextDirectory));

        int written, removed;
        try
        {
            (written, removed) = BundleWriter.Write(plan, output, contextDirectory, options.Log, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BundleException.CannotWrite(output, e);
        }

        var files = plan.Entries
            .Where(e => !e.IsDirectory)
            .Select(e => new BundleFile(e.Path, e.Mode, ContentHasher.Sha256(e.Content!), e.Content!.Length))
            .ToList();
        return new BundleResult(contextDirectory, Path.Combine(output, TarFileName), Path.Combine(output, ManifestFileName), plan.Tag, plan.ContentHash, files, written, removed, plan.Findings)
        {
            BuildInputs = options.BuildInputs ?? Clawker.Images.ImageBuildInputs.None,
        };
    }

    // A NUL or another character the OS refuses is the option's fault, not an unexpected failure.
    private static string FullPath(string path, string option)
    {
        try
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw BundleException.InvalidOption(option, "the path is not one the OS accepts (a NUL or another invalid character): give a plain folder path.");
        }
    }
}
