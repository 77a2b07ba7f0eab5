using System.Text.Json;

namespace Clawker.Tests.Bundling;

/// <summary>
/// The record is plain data in a folder other people may control (a pull request can commit an
/// output folder, record and links included): a record names what Clawker wrote, and a file is
/// proven Clawker's only while it still holds the bytes the record says Clawker wrote there.
/// A forged record, a user's edit, a link where Clawker wrote a file: refused, nothing touched.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundleRecordProofTests : BundleFolderTest
{
    /// <summary>A record naming every entry of <paramref name="folder"/>, as an attacker who can list it (not read it) would write.</summary>
    private static string ForgedRecord(string context, string folder)
    {
        var names = Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder, p) + (Directory.Exists(p) ? "/" : string.Empty))
            .ToList();
        string[] unknown = [new string('0', 64)];
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["clawkerBundleRecord"] = 1,
            ["context"] = context,
            ["outputFiles"] = OutputNames,
            ["contextEntries"] = names,
            ["outputSha256"] = OutputNames.ToDictionary(n => n, _ => unknown),
            ["contextSha256"] = names.Where(n => !n.EndsWith('/')).ToDictionary(n => n, _ => unknown),
        });
    }

    private static readonly string[] OutputNames = [ImageBundler.TarFileName, ImageBundler.ManifestFileName];

    private string UsersFolder()
    {
        var home = Temp.Combine("victim");
        Directory.CreateDirectory(Path.Combine(home, "Documents"));
        File.WriteAllText(Path.Combine(home, "Documents", "taxes.txt"), "mine\n");
        File.WriteAllText(Path.Combine(home, "notes.txt"), "mine too\n");
        return home;
    }

    [Fact]
    public void A_forged_record_claiming_a_users_folder_as_its_context_is_refused_and_the_folder_kept()
    {
        var victim = UsersFolder();
        var output = Directory.CreateDirectory(Temp.Combine("out")).FullName;
        File.WriteAllText(Path.Combine(output, ImageBundler.RecordFileName), ForgedRecord(victim, victim));

        Refused(Options(output, victim)).Message.ShouldContain("notes.txt");

        // The same through a committed link: the default context folder is a link to the user's folder.
        File.CreateSymbolicLink(Path.Combine(output, ImageBundler.ContextDirectoryName), victim);
        Refused(Options(output)).Option.ShouldBe(nameof(BundleOptions.ContextDirectory));
    }

    [Fact]
    public void A_forged_record_beside_a_users_manifest_json_is_refused_and_the_file_kept()
    {
        var project = Directory.CreateDirectory(Temp.Combine("project")).FullName;
        File.WriteAllText(Path.Combine(project, ImageBundler.ManifestFileName), "{ \"mine\": true }\n");
        File.WriteAllText(Path.Combine(project, ImageBundler.RecordFileName), ForgedRecord("context", Directory.CreateDirectory(Temp.Combine("empty")).FullName));

        Refused(Options(project)).Message.ShouldContain(ImageBundler.ManifestFileName);
    }

    [Fact]
    public void A_users_edit_of_a_file_clawker_wrote_is_refused_and_kept()
    {
        var first = ImageBundler.Bundle(Options(Temp.Combine("out")), Ct);
        var dockerfile = Path.Combine(first.ContextDirectory, "Dockerfile");
        File.AppendAllText(dockerfile, "RUN my-own-step\n");

        Refused(Options(Temp.Combine("out"))).Message.ShouldContain("Dockerfile");
        File.ReadAllText(dockerfile).ShouldEndWith("RUN my-own-step\n");
    }

    [Fact]
    public void A_link_where_clawker_wrote_a_file_or_a_folder_is_refused_and_kept_with_its_target()
    {
        var outside = Directory.CreateDirectory(Temp.Combine("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret"), "s\n");
        var first = ImageBundler.Bundle(Options(Temp.Combine("out")), Ct);
        var entrypoint = Path.Combine(first.ContextDirectory, "entrypoint.sh");
        File.Delete(entrypoint);
        File.CreateSymbolicLink(entrypoint, Path.Combine(outside, "secret"));

        Refused(Options(Temp.Combine("out"))).Message.ShouldContain("entrypoint.sh");

        File.Delete(entrypoint);
        ImageBundler.Bundle(Options(Temp.Combine("out")), Ct);
        var home = Path.Combine(first.ContextDirectory, "home");
        Directory.Delete(home, recursive: true);
        File.CreateSymbolicLink(home, outside);
        Refused(Options(Temp.Combine("out"))).Message.ShouldContain("home");
    }

    [Fact]
    public void Its_own_bundles_still_recover_from_partial_states_and_rebundle_with_no_writes()
    {
        var options = Options(Temp.Combine("out"));
        var first = ImageBundler.Bundle(options, Ct);
        ImageBundler.Bundle(options, Ct).FilesWritten.ShouldBe(0);

        // A change of inputs rewrites its own files; an older content of its own is still its own.
        var changed = Options(Temp.Combine("out"), extra: new Dictionary<string, string> { ["extra/a.txt"] = WriteFile("a.txt", "a\n") });
        ImageBundler.Bundle(changed, Ct).FilesWritten.ShouldBeGreaterThan(0);
        ImageBundler.Bundle(options, Ct).FilesRemoved.ShouldBeGreaterThan(0);
        File.Exists(Path.Combine(first.ContextDirectory, "extra", "a.txt")).ShouldBeFalse();
    }

    [Fact]
    public void A_record_without_hashes_proves_nothing_and_the_bundle_is_adopted_only_by_its_manifest()
    {
        var options = Options(Temp.Combine("out"));
        var first = ImageBundler.Bundle(options, Ct);
        var record = Path.Combine(Temp.Combine("out"), ImageBundler.RecordFileName);
        var names = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(record))!;
        names.Remove("outputSha256");
        names.Remove("contextSha256");
        File.WriteAllText(record, JsonSerializer.Serialize(names));

        ImageBundler.Bundle(options, Ct).FilesWritten.ShouldBe(0);

        File.WriteAllText(record, JsonSerializer.Serialize(names));
        File.AppendAllText(Path.Combine(first.ContextDirectory, "Dockerfile"), "RUN mine\n");
        Refused(options);
    }

    [Fact]
    public void A_lock_file_that_is_a_link_is_refused_and_nothing_is_created_through_it()
    {
        var output = Directory.CreateDirectory(Temp.Combine("out")).FullName;
        var target = Temp.Combine("victim-file");
        File.CreateSymbolicLink(Path.Combine(output, ImageBundler.LockFileName), target);

        Refused(Options(output)).Message.ShouldContain(ImageBundler.LockFileName);
        File.Exists(target).ShouldBeFalse();
    }

    private string WriteFile(string name, string content)
    {
        var path = Temp.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }
}
