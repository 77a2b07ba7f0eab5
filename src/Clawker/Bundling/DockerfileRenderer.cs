using System.Globalization;
using System.Text;

namespace Clawker.Bundling;

/// <summary>
/// Renders the built-in Dockerfile. Both modes lay the agent's home down with one
/// <c>COPY --chown=uid:gid home/ /home/</c> of a tree prepared in the context, so the home,
/// <c>~/.claude</c> and <c>~/.clawker-globals</c> exist owned by the agent (a new named volume
/// copies that ownership) without a <c>RUN</c> step, and the numeric ids work even on a base
/// whose /etc/passwd does not know the user. Files in the context carry their modes, so no
/// <c>--chmod</c> (BuildKit only) is needed.
/// </summary>
internal static class DockerfileRenderer
{
    /// <summary>Where the image keeps the entrypoint.</summary>
    public const string EntrypointPath = "/usr/local/bin/clawker-entrypoint.sh";

    /// <summary>Packages the full mode always installs: TLS roots, git for the agent, jq for the settings merge.</summary>
    private static readonly string[] BasePackages = ["ca-certificates", "git", "jq"];

    public static string Render(ResolvedImageOptions image)
    {
        var ids = string.Create(CultureInfo.InvariantCulture, $"{image.Uid}:{image.Gid}");
        var sb = new StringBuilder();
        sb.Append("# Rendered by Clawker. To change it, set the image options or override the \"Dockerfile\" asset.\n");
        sb.Append(image.Minimal
            ? "# Minimal mode: no RUN step; the base image must already hold bash and Claude Code.\n"
            : "# Claude Code from npm: @anthropic-ai/claude-code@" + image.ClaudeCodeVersion + "\n");
        sb.Append("FROM ").Append(image.BaseImage).Append('\n');

        if (!image.Minimal)
        {
            var packages = string.Join(' ', BasePackages.Concat(image.ExtraPackages).Distinct(StringComparer.Ordinal));
            sb.Append('\n')
              .Append("USER root\n")
              .Append("RUN set -eux; \\\n")
              .Append("    export DEBIAN_FRONTEND=noninteractive; \\\n")
              .Append("    apt-get update; \\\n")
              .Append("    apt-get install -y --no-install-recommends ").Append(packages).Append("; \\\n")
              .Append("    rm -rf /var/lib/apt/lists/*; \\\n")
              .Append(CultureInfo.InvariantCulture, $"    if ! getent group {image.Gid} >/dev/null; then groupadd --gid {image.Gid} {image.AgentUser}; fi; \\\n")
              .Append(CultureInfo.InvariantCulture, $"    if ! getent passwd {image.Uid} >/dev/null; then useradd --uid {image.Uid} --gid {image.Gid} --home-dir {image.Home} --no-create-home --shell /bin/bash {image.AgentUser}; fi; \\\n")
              .Append("    mkdir -p /var/run/clawker; \\\n")
              .Append("    chown ").Append(ids).Append(" /var/run/clawker; \\\n")
              .Append("    npm install --global @anthropic-ai/claude-code@").Append(image.ClaudeCodeVersion).Append("; \\\n")
              .Append("    npm cache clean --force\n");
        }

        sb.Append('\n')
          .Append("COPY ").Append(AssetNames.Entrypoint).Append(' ').Append(EntrypointPath).Append('\n')
          .Append("COPY --chown=").Append(ids).Append(" home/ /home/\n")
          .Append('\n')
          .Append("ENV HOME=").Append(image.Home).Append('\n')
          .Append("USER ").Append(ids).Append('\n')
          .Append("WORKDIR ").Append(image.Home).Append('\n')
          .Append("ENTRYPOINT [\"").Append(EntrypointPath).Append("\"]\n");
        return sb.ToString();
    }
}
