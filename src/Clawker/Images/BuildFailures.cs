using System.Net;
using Clawker.Docker;
using Docker.DotNet;

namespace Clawker.Images;

/// <summary>Turns what the engine said about a failed build into a coded, actionable exception.</summary>
internal static class BuildFailures
{
    /// <summary>How many times a build that lost its cache lookup to <see cref="IsCacheLookupRace"/> is tried in all.</summary>
    public const int CacheLookupRaceAttempts = 3;

    /// <summary>
    /// Buildah (podman's builder) looks for a cached layer before each step: it lists the images, then
    /// reads each one's top layer, and an image removed in between fails the whole build at that step
    /// (containers/buildah#5674, fixed upstream in buildah 1.43 by ignoring the missing layer). The
    /// build's intermediate containers are removed and no tag was set, so building again is safe.
    /// </summary>
    public static bool IsCacheLookupRace(ImageBuildException e) =>
        e.Kind == ImageBuildErrorKind.BuildFailed
        && e.EngineMessage.Contains("checking if cached image exists", StringComparison.Ordinal)
        && e.EngineMessage.Contains("layer not known", StringComparison.Ordinal);

    /// <summary>A build the engine started and reported as failed in its message stream: CLAWKER4001.</summary>
    public static ImageBuildException StepFailed(AgentImageReference image, BuildOutput output, string endpoint, string? platform = null)
    {
        var engineMessage = output.Error ?? "the build ended without an image and without an error message";
        var step = output.CurrentStep;
        if (platform is not null && IsPlatformRefusal(engineMessage))
        {
            return PlatformUnsupported(image, endpoint, platform, engineMessage, step);
        }

        var baseImage = BaseImageOf(step);
        string message;
        if (baseImage is not null)
        {
            message = $"The engine at {endpoint} could not build {image.Tag}: the base image '{baseImage}' is not on that engine and could not be pulled ({engineMessage}). "
                + $"Pull or import it on that engine (docker pull {baseImage}), or choose another base image.";
        }
        else
        {
            var where = step is null ? string.Empty : $" at \"{step}\"";
            var lastLines = output.StepOutput.Count == 0
                ? string.Empty
                : $" Last output of the step:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", output.StepOutput);
            message = $"The engine at {endpoint} failed to build {image.Tag}{where}: {engineMessage}.{lastLines}{Environment.NewLine}"
                + "Fix that step (often a package name, the Claude Code version or the base image) and build again.";
        }

        return new ImageBuildException(ImageBuildErrorKind.BuildFailed, message, engineMessage, step);
    }

    /// <summary>
    /// The engine refused the build request itself. No build endpoint, or a builder this client
    /// cannot drive, is CLAWKER4002; anything else about the request is CLAWKER4001.
    /// </summary>
    public static ImageBuildException RequestRefused(AgentImageReference image, DockerApiException exception, string endpoint, string? platform = null)
    {
        var engineMessage = EngineMessageOf(exception);
        if (platform is not null && IsPlatformRefusal(engineMessage))
        {
            return PlatformUnsupported(image, endpoint, platform, engineMessage, failedStep: null, EngineErrors.Vetted(exception));
        }

        if (IsBuilderUnavailable(exception.StatusCode, engineMessage))
        {
            return new ImageBuildException(
                ImageBuildErrorKind.BuilderUnavailable,
                $"The engine at {endpoint} cannot build images through its API (HTTP {(int)exception.StatusCode}: {engineMessage}). "
                + "Use an engine with the classic builder available over the API (Docker 20.10 or later, podman 4 or later).",
                engineMessage,
                failedStep: null,
                EngineErrors.Vetted(exception));
        }

        return new ImageBuildException(
            ImageBuildErrorKind.BuildFailed,
            $"The engine at {endpoint} refused to build {image.Tag} (HTTP {(int)exception.StatusCode}: {engineMessage}). "
            + "Check the build context (re-bundle it) and build again.",
            engineMessage,
            failedStep: null,
            EngineErrors.Vetted(exception));
    }

    /// <summary>CLAWKER4004: the engine cannot build (or run the steps) for <paramref name="platform"/>.</summary>
    private static ImageBuildException PlatformUnsupported(AgentImageReference image, string endpoint, string platform, string engineMessage, string? failedStep, Exception? inner = null) =>
        new(
            ImageBuildErrorKind.PlatformUnsupported,
            $"The engine at {endpoint} cannot build {image.Tag} for platform {platform}{(failedStep is null ? string.Empty : $" at \"{failedStep}\"")}: {engineMessage}. "
            + "Build for the engine's own platform (leave the platform unset), give it a base image for that platform, or use an engine that can run it (emulation: binfmt/qemu).",
            engineMessage,
            failedStep,
            inner);

    // What dockerd, BuildKit and podman say when an image or a binary is for another platform.
    internal static bool IsPlatformRefusal(string engineMessage) =>
        engineMessage.Contains("platform", StringComparison.OrdinalIgnoreCase)
        || engineMessage.Contains("exec format error", StringComparison.OrdinalIgnoreCase)
        || engineMessage.Contains("operating system is not supported", StringComparison.OrdinalIgnoreCase)
        || engineMessage.Contains("no match for", StringComparison.OrdinalIgnoreCase);

    internal static bool IsBuilderUnavailable(HttpStatusCode status, string engineMessage) =>
        status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented
        || engineMessage.Contains("buildkit", StringComparison.OrdinalIgnoreCase)
        || engineMessage.Contains("builder", StringComparison.OrdinalIgnoreCase)
        || engineMessage.Contains("not implemented", StringComparison.OrdinalIgnoreCase)
        || engineMessage.Contains("not supported", StringComparison.OrdinalIgnoreCase);

    /// <summary>The image a <c>FROM</c> step names, or <see langword="null"/> when the step is another instruction.</summary>
    internal static string? BaseImageOf(string? step)
    {
        if (step is null)
        {
            return null;
        }

        // BuildKit: "[internal] load metadata for docker.io/library/x:1" or "[1/3] FROM docker.io/library/x:1@sha256:...".
        const string Metadata = "[internal] load metadata for ";
        if (step.StartsWith(Metadata, StringComparison.Ordinal))
        {
            return step[Metadata.Length..].Trim();
        }

        // "[1/3] FROM x" (BuildKit), "Step 1/3 : FROM x" (classic), "STEP 1/3: FROM x" (podman).
        var separator = step.IndexOf(step.StartsWith('[') ? "] " : ": ", StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        var instruction = step[(separator + 2)..].Trim();
        if (!instruction.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var words = instruction[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // FROM [--platform=...] image [AS name]
        return words.FirstOrDefault(w => !w.StartsWith("--", StringComparison.Ordinal));
    }

    internal static string EngineMessageOf(DockerApiException exception)
    {
        // The engine answers {"message":"..."}; keep the text, not the JSON, and at most a line of it.
        var body = exception.ResponseBody;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && json.RootElement.TryGetProperty("message", out var message)
                    && message.ValueKind == System.Text.Json.JsonValueKind.String
                    && EngineText.Excerpt(message.GetString()) is { Length: > 0 } text)
                {
                    return text;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON (or cut at the read bound): the raw text, cut.
            }

            return EngineText.Excerpt(body);
        }

        return "(no message)";
    }
}
