using Clawker.Diagnostics;

namespace Clawker.Images;

/// <summary>
/// The engine did not build the agent image. <see cref="Kind"/> says why (filter on it, as on a
/// sentinel error): a step failed or the base image is unknown
/// (<see cref="ImageBuildErrorKind.BuildFailed"/>, CLAWKER4001), or the engine has no builder this
/// client can use (<see cref="ImageBuildErrorKind.BuilderUnavailable"/>, CLAWKER4002).
/// </summary>
public sealed class ImageBuildException : ClawkerException
{
    internal ImageBuildException(ImageBuildErrorKind kind, string message, string engineMessage, string? failedStep, Exception? innerException = null)
        : base(CodeFor(kind), message, innerException)
    {
        Kind = kind;
        EngineMessage = engineMessage;
        FailedStep = failedStep;
    }

    /// <summary>Why the image was not built.</summary>
    public ImageBuildErrorKind Kind { get; }

    /// <summary>The engine's own error text, unchanged.</summary>
    public string EngineMessage { get; }

    /// <summary>The library option an <see cref="ImageBuildErrorKind.InvalidInput"/> is about (<c>ImageBuildArgs</c>, <c>ImagePlatform</c>), else <see langword="null"/>.</summary>
    public string? Option { get; private init; }

    /// <summary>The step that failed as the engine announced it (for example <c>Step 3/7 : RUN npm install</c>), when known.</summary>
    public string? FailedStep { get; }

    internal static ImageBuildException InvalidInput(string option, string problem) =>
        new(ImageBuildErrorKind.InvalidInput, $"The build input {option} cannot be used: {problem}", problem, failedStep: null) { Option = option };

    internal static string CodeFor(ImageBuildErrorKind kind) => kind switch
    {
        ImageBuildErrorKind.BuildFailed => ErrorCodes.ImageBuildFailed,
        ImageBuildErrorKind.BuilderUnavailable => ErrorCodes.ImageBuilderUnavailable,
        ImageBuildErrorKind.InvalidInput => ErrorCodes.InvalidImageBuildInput,
        ImageBuildErrorKind.PlatformUnsupported => ErrorCodes.ImagePlatformUnsupported,
        ImageBuildErrorKind.BaseImageNotFound => ErrorCodes.BaseImageNotFound,
        ImageBuildErrorKind.BaseImagePullFailed => ErrorCodes.BaseImagePullFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown image build error kind."),
    };
}
