namespace Clawker.Images;

/// <summary>Why the engine did not build the agent image. Each kind has one stable code (see <see cref="ImageBuildException"/>).</summary>
public enum ImageBuildErrorKind
{
    /// <summary>CLAWKER4001: a step failed, the base image is unknown, or the engine refused the request.</summary>
    BuildFailed,

    /// <summary>CLAWKER4002: the engine has no builder this client can use.</summary>
    BuilderUnavailable,

    /// <summary>CLAWKER4003: a build argument or the platform is not one the engine can take (the message names an argument, never its value).</summary>
    InvalidInput,

    /// <summary>CLAWKER4004: the engine cannot build for the platform asked for.</summary>
    PlatformUnsupported,

    /// <summary>CLAWKER4005: the registry has no base image of that name and tag that the credentials found for it may read.</summary>
    BaseImageNotFound,

    /// <summary>CLAWKER4006: pulling a base image with registry credentials failed for another reason (the engine's text is quoted, secrets scrubbed).</summary>
    BaseImagePullFailed,
}
