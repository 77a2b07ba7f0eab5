using System.Reflection;
using System.Text.RegularExpressions;
using Clawker.Cake.Publishing;

namespace Clawker.Cake.Tests.Settings;

/// <summary>
/// docs/settings.md is the one mapping table: every Cake setting and every MSBuild property is in
/// it, each row's MSBuild property is <c>Clawker</c> + its Cake name, and everything it names exists.
/// </summary>
public sealed partial class SettingsParityTests
{
    private static readonly Type[] SettingsClasses =
        [typeof(ClawkerBundleSettings), typeof(ClawkerImageBuildSettings), typeof(ClawkerVolumeSettings), typeof(ClawkerCredentialSettings), typeof(ClawkerImagePushSettings)];

    private static readonly string Page = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "settings.md"));

    private sealed record Row(string MSBuild, IReadOnlyList<string> Cake, string Library);

    private static IReadOnlyList<Row> Rows()
    {
        var section = Section("## Settings");
        return [.. section.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(c => c.Trim()).ToArray())
            .Select(cells => new Row(Names(cells[1]).Single(), Names(cells[2]), Names(cells[3]).Single()))];
    }

    private static string Section(string heading)
    {
        var start = Page.IndexOf(heading, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, heading);
        var end = Page.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? Page[start..] : Page[start..end];
    }

    private static List<string> Names(string text) => [.. CodeSpan().Matches(text).Select(m => m.Groups[1].Value)];

    private static HashSet<string> CakeSettings() =>
        [.. SettingsClasses.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<ObsoleteAttribute>() is null)
            .Select(p => $"{t.Name}.{p.Name}"))];

    private static HashSet<string> MSBuildProperties()
    {
        var build = Path.Combine(RepoRoot.Path, "src", "Clawker.MSBuild", "build");
        var text = File.ReadAllText(Path.Combine(build, "Clawker.MSBuild.props")) + File.ReadAllText(Path.Combine(build, "Clawker.MSBuild.targets"));
        return [.. MSBuildProperty().Matches(text).Select(m => m.Groups["name"].Value)];
    }

    [Fact]
    public void Every_row_maps_MSBuild_to_Clawker_plus_the_Cake_name_and_names_only_what_exists()
    {
        var cake = CakeSettings();
        var msbuild = MSBuildProperties();
        var library = typeof(ClawkerPolicies).Assembly;
        foreach (var row in Rows())
        {
            msbuild.ShouldContain(row.MSBuild, $"{row.MSBuild} is in docs/settings.md but not in the props/targets");
            foreach (var setting in row.Cake)
            {
                cake.ShouldContain(setting, $"{setting} is in docs/settings.md but not a Cake setting");
                ("Clawker" + setting[(setting.IndexOf('.', StringComparison.Ordinal) + 1)..]).ShouldBe(row.MSBuild, "MSBuild property = Clawker + Cake setting");
            }

            var (type, member) = (row.Library[..row.Library.IndexOf('.', StringComparison.Ordinal)], row.Library[(row.Library.IndexOf('.', StringComparison.Ordinal) + 1)..]);
            var libraryType = library.GetTypes().Where(t => t.IsPublic && t.Name == type).ShouldHaveSingleItem($"library type {type}");
            libraryType.GetProperty(member).ShouldNotBeNull($"library option {row.Library}");
        }
    }

    [Fact]
    public void Every_Cake_setting_is_in_the_table()
    {
        var listed = Rows().SelectMany(r => r.Cake).Concat(Names(Section("## One surface only"))).ToHashSet();
        listed.UnionWith(Names(Page[Page.IndexOf("Asset files are items", StringComparison.Ordinal)..Page.IndexOf("## One surface only", StringComparison.Ordinal)]));

        CakeSettings().Where(s => !listed.Contains(s)).ShouldBeEmpty("Cake settings missing from docs/settings.md (add the MSBuild property too)");
    }

    [Fact]
    public void Every_MSBuild_property_is_in_the_table()
    {
        var listed = Rows().Select(r => r.MSBuild).Concat(Names(Section("## One surface only"))).Concat(Names(Section("## Renamed"))).ToHashSet();

        MSBuildProperties().Where(p => !listed.Contains(p)).ShouldBeEmpty("MSBuild properties missing from docs/settings.md (add the Cake setting too)");
    }

    [Fact]
    public void Every_key_the_library_errors_carry_is_a_Cake_setting_of_the_table()
    {
        var cakeNames = Rows().SelectMany(r => r.Cake).Select(s => s[(s.IndexOf('.', StringComparison.Ordinal) + 1)..]).ToHashSet();
        var keys = typeof(SettingKeys).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        keys.ShouldNotBeEmpty();
        keys.Where(k => !cakeNames.Contains(k)).ShouldBeEmpty();
    }

    [GeneratedRegex("`([A-Za-z][A-Za-z0-9_.]*)`")]
    private static partial Regex CodeSpan();

    // Set (<ClawkerX>), read ($(ClawkerX)) or written by a task (PropertyName="ClawkerX"); never the private _Clawker ones.
    [GeneratedRegex(@"(?:<|\$\(|PropertyName="")(?<name>Clawker[A-Za-z0-9]+)")]
    private static partial Regex MSBuildProperty();
}
