using Clawker.Publishing;

namespace Clawker.Tests;

/// <summary>
/// One exception type per area: a test that once asserted the subclass now asserts the kind,
/// as in <c>(await Should.ThrowAsync&lt;CredentialException&gt;(call).OfKind(CredentialErrorKind.NotFound))</c>.
/// </summary>
internal static class ErrorKindAssertions
{
    public static CredentialException OfKind(this CredentialException error, CredentialErrorKind kind) => Checked(error, error.Kind, kind);

    public static async Task<CredentialException> OfKind(this Task<CredentialException> error, CredentialErrorKind kind) => (await error).OfKind(kind);

    public static DockerEngineException OfKind(this DockerEngineException error, DockerEngineErrorKind kind) => Checked(error, error.Kind, kind);

    public static async Task<DockerEngineException> OfKind(this Task<DockerEngineException> error, DockerEngineErrorKind kind) => (await error).OfKind(kind);

    public static BundleException OfKind(this BundleException error, BundleErrorKind kind) => Checked(error, error.Kind, kind);

    public static async Task<BundleException> OfKind(this Task<BundleException> error, BundleErrorKind kind) => (await error).OfKind(kind);

    public static ImageBuildException OfKind(this ImageBuildException error, ImageBuildErrorKind kind) => Checked(error, error.Kind, kind);

    public static async Task<ImageBuildException> OfKind(this Task<ImageBuildException> error, ImageBuildErrorKind kind) => (await error).OfKind(kind);

    public static RegistryException OfKind(this RegistryException error, RegistryErrorKind kind) => Checked(error, error.Kind, kind);

    public static async Task<RegistryException> OfKind(this Task<RegistryException> error, RegistryErrorKind kind) => (await error).OfKind(kind);

    private static TError Checked<TError, TKind>(TError error, TKind actual, TKind expected)
        where TKind : struct, Enum
    {
        actual.ShouldBe(expected, $"{typeof(TError).Name} of kind {actual}, expected {expected}: {(error as Exception)?.Message}");
        return error;
    }
}
