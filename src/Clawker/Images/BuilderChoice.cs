using Clawker.Docker;

namespace Clawker.Images;

/// <summary>
/// Picks the builder for <see cref="ImageBuilderKind.Auto"/> from the engine's <c>/_ping</c>:
/// <c>Builder-Version: 2</c> is BuildKit, <c>1</c> the classic builder (the engine prefers it);
/// no value (Docker 20.10, podman) is BuildKit on Linux, where dockerd 20.10 has it built in
/// and podman builds with buildah whatever is asked, and classic elsewhere (Windows engines
/// have no BuildKit behind the API). The connect's ping, so no request of its own.
/// </summary>
internal static class BuilderChoice
{
    public static ImageBuilderKind Choose(DockerEngine engine, ImageBuilderKind asked) =>
        asked != ImageBuilderKind.Auto ? asked : Choose(engine.Ping.BuilderVersion, engine.Ping.OsType);

    internal static ImageBuilderKind Choose(string builderVersion, string osType) => builderVersion.Trim() switch
    {
        "2" => ImageBuilderKind.BuildKit,
        "1" => ImageBuilderKind.Classic,
        _ => osType.Trim().Length == 0 || osType.Trim().Equals("linux", StringComparison.OrdinalIgnoreCase) ? ImageBuilderKind.BuildKit : ImageBuilderKind.Classic,
    };

    public static string Describe(ImageBuilderKind builder) => builder == ImageBuilderKind.BuildKit ? "BuildKit" : "the classic builder";
}
