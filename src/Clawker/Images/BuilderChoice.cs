using Clawker.Docker;

namespace Clawker.Images;

/// <summary>
/// Picks the builder for <see cref="ImageBuilderKind.Auto"/> from the engine's <c>/_ping</c>:
/// <c>Builder-Version: 2</c> is BuildKit, <c>1</c> the classic builder (the engine prefers it);
/// no value (Docker 20.10, podman) is BuildKit on Linux, where dockerd 20.10 has it built in
/// and podman builds with buildah whatever is asked, and classic elsewhere (Windows engines
/// have no BuildKit behind the API). One request, made only when a build runs.
/// </summary>
internal static class BuilderChoice
{
    public static async Task<ImageBuilderKind> ChooseAsync(DockerEngine engine, ImageBuilderKind asked, CancellationToken cancellationToken)
    {
        if (asked != ImageBuilderKind.Auto)
        {
            return asked;
        }

        var ping = await engine.InvokeAsync(
            async (client, ct) =>
            {
                await client.System.PingAsync(ct).ConfigureAwait(false);
                return EngineCall.Current?.Ping ?? (string.Empty, string.Empty);
            },
            cancellationToken).ConfigureAwait(false);
        return Choose(ping.BuilderVersion, ping.OsType);
    }

    internal static ImageBuilderKind Choose(string builderVersion, string osType) => builderVersion.Trim() switch
    {
        "2" => ImageBuilderKind.BuildKit,
        "1" => ImageBuilderKind.Classic,
        _ => osType.Trim().Length == 0 || osType.Trim().Equals("linux", StringComparison.OrdinalIgnoreCase) ? ImageBuilderKind.BuildKit : ImageBuilderKind.Classic,
    };

    public static string Describe(ImageBuilderKind builder) => builder == ImageBuilderKind.BuildKit ? "BuildKit" : "the classic builder";
}
