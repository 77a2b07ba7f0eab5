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

            var plannedHashes = OwnershipRecord.HashesOf(plan.Entries);
            var outputHashes = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
            {
                [ImageBundler.TarFileName] = new HashSet<string>([ContentHasher.Sha256(plan.Tar)], StringComparer.Ordinal),
                [ImageBundler.ManifestFileName] = new HashSet<string>([ContentHasher.Sha256(plan.Manifest)], StringComparer.Ordinal),
            };

            // Every file about to be created is on the record first, with both its old and new
            // content: a crash leaves nothing unrecorded, and nothing it cannot prove its own.
            new OwnershipRecord(contextField, OwnershipRecord.BundleOutputFiles, [.. state.RecordedEntries, .. planned],
                OwnershipRecord.Merge(state.OutputSha256, outputHashes), OwnershipRecord.Merge(state.ContextSha256, plannedHashes)).Write(realOutput);
            RemoveOwnTemps(realOutput);

            var (written, removed) = ContextDirectory.Sync(realContext, plan.Entries, state.RecordedContext);
            var mode = OutputMode(plan.Entries);
            written += AtomicFile.WriteIfChanged(Path.Combine(realOutput, ImageBundler.TarFileName), plan.Tar, mode) ? 1 : 0;
            written += AtomicFile.WriteIfChanged(Path.Combine(realOutput, ImageBundler.ManifestFileName), plan.Manifest, mode) ? 1 : 0;

            new OwnershipRecord(contextField, OwnershipRecord.BundleOutputFiles, planned, outputHashes, plannedHashes).Write(realOutput);
            return (written, removed);
        }
    }

    // Without the lock, so a folder that is not the bundle's gets no lock file either. A refusal is
    // final unless the record changed while it was made: then another bundle was writing these
    // folders (its files are on the record it wrote first), and the check under the lock decides.
    private static void Precheck(string realOutput, string realContext)
    {
        var before = RecordBytes(realOutput);
        try
        {
            BundleOwnership.Inspect(realOutput, realContext);
        }
        catch (BundleException e) when (e.Kind == BundleErrorKind.InvalidOption && !RecordBytes(realOutput).AsSpan().SequenceEqual(before))
        {
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            // Changed under us by a bundle that holds the lock: decided under the lock.
        }
    }

    private static byte[] RecordBytes(string realOutput)
    {
        try
        {
            return RegularFile.Read(Path.Combine(realOutput, ImageBundler.RecordFileName), 4L << 20);
        }
        catch (FileReadException)
        {
            return [];
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
            throw BundleException.InvalidOption(option, $"'{path}' cannot be resolved: {e.Message} Fix the link, or choose another folder.");
        }
    }
}
