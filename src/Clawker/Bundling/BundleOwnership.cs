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

    // The largest file the bundle writes is the tar, a byte array: a bigger file there cannot be Clawker's.
    private static readonly long MaxProvenBytes = Array.MaxLength;

    /// <summary>What the bundle may touch: the record it found (or adopted) and the context entries it lists.</summary>
    /// <param name="Record">The record found or adopted; null for new folders.</param>
    /// <param name="RecordedEntries">The context entries it lists as written (folders end with '/'); empty when it is for another context folder.</param>
    /// <param name="RecordedContext">The same, without the trailing '/', for look-ups.</param>
    /// <param name="OutputSha256">The recorded hashes of the output folder's files.</param>
    /// <param name="ContextSha256">The recorded hashes of the context files; empty when the record is for another context folder.</param>
    public sealed record State(OwnershipRecord? Record, IReadOnlyList<string> RecordedEntries, IReadOnlySet<string> RecordedContext,
        IReadOnlyDictionary<string, IReadOnlySet<string>> OutputSha256, IReadOnlyDictionary<string, IReadOnlySet<string>> ContextSha256);

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

    /// <summary>The folders' state; throws a <see cref="BundleException"/> of kind <see cref="BundleErrorKind.InvalidOption"/> when either is not the bundle's.</summary>
    public static State Inspect(string realOutput, string realContext)
    {
        CheckLock(realOutput);
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

        var outputSha = record?.OutputSha256 ?? new Dictionary<string, IReadOnlySet<string>>();
        if (record is not null)
        {
            var unproven = OwnershipRecord.BundleOutputFiles
                .Select(name => Unproven(Path.Combine(realOutput, name), name, outputSha))
                .OfType<string>()
                .ToList();
            if (unproven.Count > 0)
            {
                throw Refused(nameof(BundleOptions.OutputDirectory), realOutput,
                    $"holds {List(unproven)}, which {ImageBundler.RecordFileName} does not prove Clawker wrote (it records the SHA-256 of every file Clawker writes). The bundle would overwrite them: move them away (they may be yours), or choose a new or empty folder");
            }
        }

        var sameContext = record is not null && SamePath(record.ContextPath(realOutput), realContext);
        IReadOnlyList<string> entries = sameContext ? record!.ContextEntries : [];
        var contextSha = sameContext ? record!.ContextSha256 : new Dictionary<string, IReadOnlySet<string>>();
        var recorded = new HashSet<string>(entries.Select(e => e.TrimEnd('/')), StringComparer.Ordinal);
        var folders = new HashSet<string>(entries.Where(e => e.EndsWith('/')).Select(e => e.TrimEnd('/')), StringComparer.Ordinal);
        var foreign = ForeignContextEntries(realContext, recorded, folders, contextSha).Take(Shown + 1).ToList();
        if (foreign.Count > 0)
        {
            throw Refused(nameof(BundleOptions.ContextDirectory), realContext,
                $"holds {List(foreign)}, which Clawker did not write (they are not in its record, {ImageBundler.RecordFileName} in the output folder, or no longer hold what it wrote). The bundle empties its context folder of everything that is not part of the image, and anything left there would reach `docker build`: move those files out (they are yours), or point the context folder at a new or empty folder");
        }

        return new State(record, entries, recorded, outputSha, contextSha);
    }

    // The lock is opened for writing, links followed: a link (or a FIFO, a folder) there is not Clawker's lock file.
    private static void CheckLock(string realOutput)
    {
        var path = Path.Combine(realOutput, ImageBundler.LockFileName);
        // Other: cannot be examined (a folder this user cannot search), which reading the record reports as CLAWKER3003.
        if (ContextDirectory.IsLink(path) || RegularFile.KindOf(path) is not (FileKind.Missing or FileKind.Regular or FileKind.Other))
        {
            throw Refused(nameof(BundleOptions.OutputDirectory), realOutput,
                $"holds {ImageBundler.LockFileName}, the name of Clawker's lock file, but it is {(ContextDirectory.IsLink(path) ? "a link" : "not a regular file")}, which Clawker never writes: remove it (or choose another folder) and bundle again");
        }
    }

    /// <summary>Null when <paramref name="path"/> is missing or a regular file (not a link) holding one of the recorded hashes; else how it is shown.</summary>
    private static string? Unproven(string path, string shown, IReadOnlyDictionary<string, IReadOnlySet<string>> hashes)
    {
        if (ContextDirectory.IsLink(path))
        {
            return $"{shown} (a link)";
        }

        var kind = RegularFile.KindOf(path);
        if (kind == FileKind.Missing)
        {
            return null;
        }

        if (kind != FileKind.Regular || !hashes.TryGetValue(shown, out var known))
        {
            return kind == FileKind.Regular ? shown : $"{shown} (not a regular file)";
        }

        try
        {
            return known.Contains(ContentHasher.Sha256(RegularFile.Read(path, MaxProvenBytes))) ? null : $"{shown} (changed since Clawker wrote it)";
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.Denied)
        {
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.", e);
        }
        catch (FileReadException e)
        {
            return $"{shown} ({e.Reason})";
        }
    }

    /// <summary>The output folder's entries, less the lock and the record's leftover temporary files (neutral: they prove nothing and hold nothing).</summary>
    private static IEnumerable<string> OutputEntries(string realOutput) =>
        Directory.EnumerateFileSystemEntries(realOutput)
            .Select(Path.GetFileName)
            .Select(name => name!)
            .Where(name => name != ImageBundler.LockFileName && AtomicFile.TempOwner(name) != ImageBundler.RecordFileName);

    /// <summary>
    /// Entries of the context folder (links not followed) that are not proven the bundle's: a
    /// recorded folder that is a real folder, a recorded file that still holds a recorded hash,
    /// a leftover temporary file of a listed one. A link is never Clawker's (it writes none).
    /// </summary>
    private static IEnumerable<string> ForeignContextEntries(string realContext, HashSet<string> recorded, HashSet<string> folders,
        IReadOnlyDictionary<string, IReadOnlySet<string>> hashes)
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
                if (ContextDirectory.IsRealFolder(path))
                {
                    if (folders.Contains(relative))
                    {
                        pending.Push(path);
                    }
                    else
                    {
                        yield return relative + "/";
                    }
                }
                else if (!IsOwnTemp(relative, recorded) && Unproven(path, relative, hashes) is { } shown)
                {
                    yield return shown;
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

    private static BundleException Refused(string option, string folder, string why) =>
        BundleException.InvalidOption(option, $"the {(option == nameof(BundleOptions.OutputDirectory) ? "output" : "context")} folder '{folder}' {why}. Nothing was written or deleted.");
}
