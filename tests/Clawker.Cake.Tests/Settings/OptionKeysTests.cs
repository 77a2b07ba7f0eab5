using System.Reflection;
using Clawker.Bundling;

namespace Clawker.Cake.Tests.Settings;

/// <summary>
/// The library's option-to-key table (<see cref="SettingKeys.OfOption"/>) names, for every option
/// an error can name, a Cake setting that exists: so a surface never names a setting it lacks.
/// </summary>
public sealed class OptionKeysTests
{
    // Not settings a user spells (Log, ImageOptions), a flag that cannot be invalid (Minimal), asset
    // overrides (their errors name the asset), extra files (items in MSBuild, not a table row), and the
    // build inputs (their errors are CLAWKER4003 with ImageBuildException.Option, checked below).
    private static readonly string[] NotNamedByErrors = ["Log", "ImageOptions", "Minimal", "AssetOverrides", "ExtraFiles", "BuildInputs"];

    [Theory]
    [InlineData("ImageBuildArgs")]
    [InlineData("ImagePlatform")]
    public void The_build_input_options_errors_name_are_Cake_bundle_settings(string option) =>
        typeof(ClawkerBundleSettings).GetProperty(option, BindingFlags.Public | BindingFlags.Instance).ShouldNotBeNull(option);

    public static TheoryData<string> Options()
    {
        var data = new TheoryData<string>();
        foreach (var property in typeof(BundleOptions).GetProperties().Concat(typeof(ImageOptions).GetProperties()))
        {
            if (!NotNamedByErrors.Contains(property.Name))
            {
                data.Add(property.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_option_maps_to_a_Cake_bundle_setting(string option)
    {
        var key = SettingKeys.OfOption(option).ShouldNotBeNull(option);

        var setting = typeof(ClawkerBundleSettings).GetProperty(key, BindingFlags.Public | BindingFlags.Instance);
        setting.ShouldNotBeNull($"{option} maps to {key}, which ClawkerBundleSettings does not have");
        setting.GetCustomAttribute<ObsoleteAttribute>().ShouldBeNull();
    }
}
