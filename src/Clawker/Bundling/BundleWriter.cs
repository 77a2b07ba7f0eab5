using Clawker.IO;

namespace Clawker.Bundling;

/// <summary>
/// Writes a planned bundle into folders the bundle proves its own (<see cref="BundleOwnership"/>):
/// checked once before anything is written (a foreign folder gets not even the lock file), then
/// again under the output folder's lock; the record lists every new file before it is created.
/// </summary>
internal static class BundleWriter
{
    private const UnixFileMode OwnerBits = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static (int Written, int Removed) Write(BundlePlan plan, string output, string context, Action<string>? log, CancellationToken cancellationToken)
    {
        var realOutput = Resolve(output, nameof(BundleOptions.OutputDirectory));
        var realContext = Resolve(context, nameof(BundleOptions.ContextDirectory));
        BundleOwnership.CheckFolders(realOutput, realContext);
        Precheck(realOutput, realContext);

        using (OutputFolderLock.Acquire(realOutput, log, cancellationToken))
        {
            var state = BundleOwnership.Inspect(realOutput, realContext);
            var contextField = OwnershipRecord.ContextField(realOutput, realContext);
            var planned = plan.Entries.Select(e => e.Path).ToList();

            // Every file about to be created is on the record first: a crash leaves nothing unrecorded.
            new OwnershipRecord(contextField, OwnershipRecord.BundleOutputFiles, [.. state.RecordedEntries, .. planned]).Write(realOutput);
            RemoveOwnTemps(realOutput);

            var (written, removed) = ContextDirectory.Sync(realContext, plan.Entries, state.RecordedContext);
            var mode = OutputMode(plan.Entries);
            written += AtomicFile.WriteIfChanged(Path.Combine(realOutput, ImageBundler.TarFileName), plan.Tar, mode) ? 1 : 0;
            written += AtomicFile.WriteIfChanged(Path.Combine(realOutput, ImageBundler.ManifestFileName), plan.Manifest, mode) ? 1 : 0;

            new OwnershipRecord(contextField, OwnershipRecord.BundleOutputFiles, planned).Write(realOutput);
            return (written, removed);
        }
    }

    // Without the lock, so a folder that is not the bundle's gets no lock file either. A refused
    // context is final only when the output folder has no record yet: with one, another bundle
    // may be writing that context right now, and the check under the lock decides.
    private static void Precheck(string realOutput, string realContext)
    {
        try
        {
            BundleOwnership.Inspect(realOutput, realContext);
        }
        catch (InvalidImageOptionException e) when (e.Option == nameof(BundleOptions.ContextDirectory)
            && RegularFile.KindOf(Path.Combine(realOutput, ImageBundler.RecordFileName)) == FileKind.Regular)
        {
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            // Changed under us by a bundle that holds the lock: decided under the lock.
        }
    }

    private static void RemoveOwnTemps(string realOutput)
    {
        foreach (var path in Directory.EnumerateFiles(realOutput, ".*" + ".clawker-tmp-*"))
        {
            var owner = AtomicFile.TempOwner(Path.GetFileName(path));
            if (owner is ImageBundler.RecordFileName or ImageBundler.TarFileName or ImageBundler.ManifestFileName)
            {
                File.Delete(path);
            }
        }
    }

    // The tar holds every file's bytes: no more readable than the least readable source. The
    // manifest (their hashes) alike. Null (the umask's choice, as ever) when no source restricts it.
    private static UnixFileMode? OutputMode(IReadOnlyList<ContextEntry> entries)
    {
        var restricted = entries.Where(e => e.SourceMode is not null).Select(e => e.SourceMode!.Value | OwnerBits).ToList();
        if (restricted.Count == 0)
        {
            return null;
        }

        var mode = ContextEntry.FileMode & restricted.Aggregate((a, b) => a & b);
        return mode == ContextEntry.FileMode ? null : mode;
    }

    private static string Resolve(string path, string option)
    {
        try
        {
            return RealPath.Resolve(path);
        }
        catch (IOException e)
        {
            throw new InvalidImageOptionException(option, $"'{path}' cannot be resolved: {e.Message} Fix the link, or choose another folder.");
        }
    }
}
