using System.Text;
using Clawker.Docker;

namespace Clawker.Bundling;

/// <summary>The image tag: <c>clawker-&lt;project&gt;:sha-&lt;first 12 hex of the content hash&gt;</c>, as clawker names it.</summary>
internal static class ImageTag
{
    public static string For(string projectName, string contentHash) =>
        $"{ClawkerNames.Prefix}{NormalizeProject(projectName)}:sha-{contentHash[..12]}";

    /// <summary>
    /// Lower-cases the project name; other characters a Docker repository name cannot hold
    /// become '-', and a run of separators becomes one '-', so "My.App Api" gives "my.app-api".
    /// </summary>
    public static string NormalizeProject(string? projectName)
    {
        var sb = new StringBuilder();
        var separators = 0;
        foreach (var c in (projectName ?? string.Empty).ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                sb.Append(c);
                separators = 0;
                continue;
            }

            separators++;
            if (separators == 1)
            {
                sb.Append(c is '.' or '_' ? c : '-');
            }
            else
            {
                sb[^1] = '-';
            }
        }

        var name = sb.ToString().Trim('-', '.', '_');
        if (name.Length == 0 || name.Length > 100)
        {
            throw BundleException.InvalidOption("ProjectName",
                $"'{projectName}' cannot name an image: it needs 1 to 100 letters or digits (the tag is clawker-<project>:sha-...).");
        }

        return name;
    }
}
