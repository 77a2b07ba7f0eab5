using Clawker.Diagnostics;

namespace Clawker.Images;

/// <summary>
/// The engine did not build the agent image: a step failed or the base image is unknown
/// (<see cref="ErrorCodes.ImageBuildFailed"/>, CLAWKER4001), or the engine has no builder this
/// client can use (<see cref="ErrorCodes.ImageBuilderUnavailable"/>, CLAWKER4002).
/// </summary>
public sealed class ImageBuildException : ClawkerException
{
    internal ImageBuildException(string code, string message, string engineMessage, string? failedStep, Exception? innerException = null)
        : base(code, message, innerException)
    {
        EngineMessage = engineMessage;
        FailedStep = failedStep;
    }

    /// <summary>The engine's own error text, unchanged.</summary>
    public string EngineMessage { get; }

    /// <summary>The step that failed as the engine announced it (for example <c>Step 3/7 : RUN npm install</c>), when known.</summary>
    public string? FailedStep { get; }
}
