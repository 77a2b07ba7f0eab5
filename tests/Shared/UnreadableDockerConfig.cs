namespace Clawker.Tests.Infrastructure;

/// <summary>
/// A DOCKER_CONFIG folder whose config.json exists but cannot be read, as after `sudo docker`
/// (root's file, mode 0600). Root reads any mode, so as root the file is a link to
/// /proc/self/mem, whose first byte fails with EIO: unreadable for every user.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class UnreadableDockerConfig
{
    public static string Create(string parent)
    {
        var dir = Path.Combine(parent, "docker-config");
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "config.json");
        if (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root")
        {
            File.CreateSymbolicLink(config, "/proc/self/mem");
        }
        else
        {
            File.WriteAllText(config, """{"currentContext":"x"}""");
            File.SetUnixFileMode(config, UnixFileMode.None);
        }

        return dir;
    }
}
