using Clawker.Publishing;

namespace Clawker.Tests.Diagnostics;

/// <summary>One exception type per area, each kind with exactly one code: callers filter on Kind or Code, never on a subclass.</summary>
public class ExceptionKindsTests
{
    [Fact]
    public void The_library_has_one_public_exception_type_per_area()
    {
        var exceptions = typeof(ClawkerException).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);

        // ClawkerSettingException: the surfaces' text settings (CLAWKER5002), an area of its own.
        exceptions.ShouldBe([
            nameof(BundleException), nameof(ClawkerException), nameof(ClawkerSettingException), nameof(CredentialException),
            nameof(DockerEngineException), nameof(ImageBuildException), nameof(RegistryException), nameof(UnexpectedFailureException),
        ]);
        typeof(ClawkerException).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(ClawkerException)))
            .ShouldAllBe(t => t.IsSealed);
    }

    [Fact]
    public void Every_registry_kind_has_its_own_code_in_the_6000_area()
    {
        var codes = Enum.GetValues<RegistryErrorKind>().Select(k => new RegistryException(k, null, "m").Code).ToList();

        codes.ShouldBeUnique();
        codes.ShouldAllBe(c => c.StartsWith("CLAWKER60", StringComparison.Ordinal));
        codes.ShouldBe([.. Enumerable.Range(1, codes.Count).Select(n => $"CLAWKER{6000 + n}")]);
    }

    [Theory]
    [InlineData(DockerEngineErrorKind.Unreachable, ErrorCodes.EngineUnreachable)]
    [InlineData(DockerEngineErrorKind.VolumeLabelConflict, ErrorCodes.VolumeLabelConflict)]
    [InlineData(DockerEngineErrorKind.PermissionDenied, ErrorCodes.EnginePermissionDenied)]
    [InlineData(DockerEngineErrorKind.ApiTooOld, ErrorCodes.EngineApiTooOld)]
    [InlineData(DockerEngineErrorKind.RequestFailed, ErrorCodes.EngineRequestFailed)]
    public void Every_engine_kind_has_its_code(DockerEngineErrorKind kind, string code) =>
        new DockerEngineException(kind, null, "m").Code.ShouldBe(code);

    [Theory]
    [InlineData(BundleErrorKind.AssetUnreadable, ErrorCodes.AssetOverrideMissing)]
    [InlineData(BundleErrorKind.InvalidOption, ErrorCodes.InvalidImageOption)]
    [InlineData(BundleErrorKind.FilesUnavailable, ErrorCodes.BundleFilesUnavailable)]
    [InlineData(BundleErrorKind.AssetOutsideTree, ErrorCodes.AssetOutsideTree)]
    public void Every_bundle_kind_has_its_code(BundleErrorKind kind, string code) =>
        BundleException.CodeFor(kind).ShouldBe(code);

    [Theory]
    [InlineData(ImageBuildErrorKind.BuildFailed, ErrorCodes.ImageBuildFailed)]
    [InlineData(ImageBuildErrorKind.BuilderUnavailable, ErrorCodes.ImageBuilderUnavailable)]
    public void Every_image_build_kind_has_its_code(ImageBuildErrorKind kind, string code) =>
        new ImageBuildException(kind, "m", "engine", failedStep: null).Code.ShouldBe(code);

    [Fact]
    public void Kinds_and_codes_are_one_to_one()
    {
        string[] codes =
        [
            .. Enum.GetValues<CredentialErrorKind>().Select(CredentialException.CodeFor),
            .. Enum.GetValues<DockerEngineErrorKind>().Select(DockerEngineException.CodeFor),
            .. Enum.GetValues<BundleErrorKind>().Select(BundleException.CodeFor),
            .. Enum.GetValues<ImageBuildErrorKind>().Select(ImageBuildException.CodeFor),
        ];

        codes.Distinct().Count().ShouldBe(codes.Length);
    }
}
