using Cake.Core.IO;

namespace Clawker.Cake;

/// <summary>Reads the library's environment through Cake's, so aliases see what the script sees.</summary>
internal static class CakeEnvironmentExtensions
{
    /// <summary>Cake's variables, user profile and platform as a <see cref="ClawkerEnvironment"/>.</summary>
    public static ClawkerEnvironment ToClawkerEnvironment(this ICakeEnvironment environment)
    {
        var isWindows = environment.Platform.Family == PlatformFamily.Windows;
        return new ClawkerEnvironment(
            environment.GetEnvironmentVariable,
            () => environment.GetSpecialPath(SpecialPath.UserProfile).FullPath,
            () => ClawkerEnvironment.UserNameFrom(environment.GetEnvironmentVariable, isWindows),
            File.Exists,
            isWindows);
    }
}
