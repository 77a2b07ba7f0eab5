using Clawker.IO;

namespace Clawker.Bundling;

/// <summary>
/// Decides whether the output and context folders are the bundle's own: a new, missing or empty
/// folder is; a folder that holds anything is only when the ownership record
/// (<see cref="OwnershipRecord"/>) lists it, or it is a bundle of Clawker 0.1.0 that proves itself
/// (<see cref="LegacyBundle"/>). Anything else is refused with <c>CLAWKER3002</c>, naming the folder
/// and a few of the entries found there, before anything is written. Paths are compared with
/// every link resolved.
/// </summary>
internal static class BundleOwnership
{
    private const int Shown = 5;

    /// <summary>What the bundle may touch: the record it found (or adopted) and the context entries it lists.</summary>
    /// <param name="Record">The record found or adopted; null for new folders.</param>
    /// <param name="RecordedEntries">The context entries it lists as written (folders end with '/'); empty when it is for another context folder.</param>
    /// <param name="RecordedContext">The same, without the trailing '/', for look-ups.</param>
    public sealed record State(OwnershipRecord? Record, IReadOnlyList<string> RecordedEntries, IReadOnlySet<string> RecordedContext);

    /// <summary>Refuses a context folder that is, holds or lies inside the output folder's own files.</summary>
    public static void CheckFolders(string realOutput, string realContext)
    {
        if (RealPath.IsSameOrInsideResolved(realOutput, realContext))
        {
            throw Refused(nameof(BundleOptions.ContextDirectory), realContext,
                $"is the output folder {realOutput} or holds it, and the bundle writes {ImageBundler.TarFileName} and {ImageBundler.ManifestFileName} there");
        }

        if (RealPath.IsSameOrInsideResolved(realContext, realOutput))
        {
            var first = Path.GetRelativePath(realOutput, realContext).Split(Path.DirectorySeparatorChar)[0];
            if (first is ImageBundler.TarFileName or ImageBundler.ManifestFileName or ImageBundler.RecordFileName or ImageBundler.LockFileName)
            {
                throw Refused(nameof(BundleOptions.ContextDirectory), realContext, $"is inside {first}, one of the bundle's own files in the output folder");
            }
        }
    }

    /// <summary>The folders' state; throws <see cref="InvalidImageOptionException"/> when either is not the bundle's.</summary>
    public static State Inspect(string realOutput, string realContext)
    {
        var record = OwnershipRecord.Read(realOutput);
        if (record is null && Directory.Exists(realOutput))
        {
            var found = OutputEntries(realOutput).Take(Shown + 1).ToList();
            if (found.Count > 0)
            {
                record = LegacyBundle.TryAdopt(realOutput, realContext)
                    ?? throw Refused(nameof(BundleOptions.OutputDirectory), realOutput,
                        $"already holds {List(found)}, and no record ({ImageBundler.RecordFileName}) that Clawker wrote them. The bundle writes {ImageBundler.TarFileName}, {ImageBundler.ManifestFileName} and its context folder there and overwrites only what it can prove it wrote: choose a new or empty folder of its own (such as artifacts/agent-image, or leave the setting unset), or move those files away");
            }
        }

        IReadOnlyList<string> entries = record is not null && SamePath(record.ContextPath(realOutput), realContext) ? record.ContextEntries : [];
        var recorded = new HashSet<string>(entries.Select(e => e.TrimEnd('/')), StringComparer.Ordinal);
        var foreign = ForeignContextEntries(realContext, recorded).Take(Shown + 1).ToList();
        if (foreign.Count > 0)
        {
            throw Refused(nameof(BundleOptions.ContextDirectory), realContext,
                $"holds {List(foreign)}, which Clawker did not write (they are not in its record, {ImageBundler.RecordFileName} in the output folder). The bundle empties its context folder of everything that is not part of the image, and anything left there would reach `docker build`: move those files out (they are yours), or point the context folder at a new or empty folder");
        }

        return new State(record, entries, recorded);
    }

    /// <summary>The output folder's entries, less the lock and the record's leftover temporary files (neutral: they prove nothing and hold nothing).</summary>
    private static IEnumerable<string> OutputEntries(string realOutput) =>
        Directory.EnumerateFileSystemEntries(realOutput)
            .Select(Path.GetFileName)
            .Select(name => name!)
            .Where(name => name != ImageBundler.LockFileName && AtomicFile.TempOwner(name) != ImageBundler.RecordFileName);

    /// <summary>Entries of the context folder (links not followed) that the record does not list, nor are leftover temporary files of listed ones.</summary>
    private static IEnumerable<string> ForeignContextEntries(string realContext, HashSet<string> recorded)
    {
        if (!Directory.Exists(realContext))
        {
            yield break;
        }

        var pending = new Stack<string>();
        pending.Push(realContext);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var path in Directory.EnumerateFileSystemEntries(folder))
            {
                var relative = Path.GetRelativePath(realContext, path).Replace('\\', '/');
                if (recorded.Contains(relative))
                {
                    if (ContextDirectory.IsRealFolder(path))
                    {
                        pending.Push(path);
                    }
                }
                else if (!IsOwnTemp(relative, recorded))
                {
                    yield return ContextDirectory.IsRealFolder(path) ? relative + "/" : relative;
                }
            }
        }
    }

    /// <summary>True for <c>.NAME.clawker-tmp-GUID</c> beside a listed NAME: a temporary file a crashed bundle left.</summary>
    public static bool IsOwnTemp(string relative, IReadOnlySet<string> listed)
    {
        var slash = relative.LastIndexOf('/');
        var owner = AtomicFile.TempOwner(relative[(slash + 1)..]);
        return owner is not null && listed.Contains(relative[..(slash + 1)] + owner);
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string List(List<string> found) =>
        string.Join(", ", found.Take(Shown).Select(f => $"'{f}'")) + (found.Count > Shown ? " and more" : string.Empty);

    private static InvalidImageOptionException Refused(string option, string folder, string why) =>
        new(option, $"the {(option == nameof(BundleOptions.OutputDirectory) ? "output" : "context")} folder '{folder}' {why}. Nothing was written or deleted.");
}
