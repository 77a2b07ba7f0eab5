using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clawker.Diagnostics;
using Clawker.IO;

namespace Clawker.Docker;

/// <summary>
/// Reads the docker CLI's contexts: <c>currentContext</c> in <c>$DOCKER_CONFIG/config.json</c>
/// and each context's endpoint in <c>contexts/meta/&lt;sha256 of the name&gt;/meta.json</c>.
/// Both files may hold secrets (config.json holds registry <c>auth</c> values), so they are read
/// only as regular files, capped and within <paramref name="readTimeout"/>, and no error quotes them.
/// </summary>
internal sealed class DockerContextStore(string configDirectory, TimeSpan readTimeout)
{
    /// <summary>The context the docker CLI treats as "no context": DOCKER_HOST or the default socket.</summary>
    public const string DefaultContextName = "default";

    // Far above what the docker CLI writes (a config.json with dozens of registries is a few KiB).
    private const long MaxConfigBytes = 4 << 20;
    private const long MaxMetaBytes = 1 << 20;

    public string ConfigDirectory { get; } = configDirectory;

    public string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

    public static DockerContextStore For(ClawkerEnvironment environment, TimeSpan readTimeout) =>
        new(environment.Variable("DOCKER_CONFIG") ?? Path.Combine(environment.HomeDirectory, ".docker"), readTimeout);

    /// <summary>The <c>currentContext</c> of config.json; <see langword="null"/> when the file or the field is absent.</summary>
    public string? ReadCurrentContext()
    {
        using var document = Parse(ConfigFile, MaxConfigBytes);
        if (document is null)
        {
            return null;
        }

        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("currentContext", out var current)
            && current.ValueKind == JsonValueKind.String
            && Text(current, ConfigFile) is { Length: > 0 } name
                ? name
                : null;
    }

    /// <summary>
    /// config.json for another reader (registry credentials), with the same bounds; <see langword="null"/>
    /// when absent. Errors (CLAWKER2001, content-free) end with <paramref name="consequence"/>.
    /// </summary>
    internal JsonDocument? ReadConfig(string consequence) => Parse(ConfigFile, MaxConfigBytes, consequence);

    public string MetaFile(string contextName) => Path.Combine(ConfigDirectory, "contexts", "meta", Hash(contextName), "meta.json");

    /// <summary>
    /// The TLS the docker CLI would speak to this context's docker endpoint: when it holds TLS
    /// material in <c>contexts/tls/&lt;hash&gt;/docker</c> (each of ca.pem, cert.pem, key.pem optional),
    /// or its meta sets <c>SkipTLSVerify</c>; <see langword="null"/> otherwise.
    /// </summary>
    public DockerTls? Tls(string contextName, bool skipTlsVerify, Func<string, bool> exists)
    {
        var material = Path.Combine(ConfigDirectory, "contexts", "tls", Hash(contextName), "docker");
        if (!Directory.Exists(material) && !skipTlsVerify)
        {
            return null;
        }

        var origin = $"files from the context's {material}{(skipTlsVerify ? ", SkipTLSVerify in its meta.json" : "")}";
        return TlsSettings.FromFolder(material, verify: !skipTlsVerify, caRequired: false, origin, exists);
    }

    // The docker CLI's rule for context names (cli/context/store: restrictedNamePattern).
    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 256 && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '+' or '-');

    private static string Hash(string contextName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(contextName))).ToLowerInvariant();

    /// <summary>The docker endpoint (<c>Endpoints.docker.Host</c>) of a named context, and its <c>SkipTLSVerify</c>.</summary>
    public (string Host, bool SkipTlsVerify) ReadHost(string contextName, string chosenBy)
    {
        if (!IsValidName(contextName))
        {
            // Not quoted: it may be anything (megabytes, control characters) from a file or variable.
            throw DockerEngineException.Unreachable(
                endpoint: null,
                $"The docker context name {chosenBy} is not a valid context name ({contextName.Length} characters; the docker CLI allows letters, digits and '_.+-', starting with a letter or digit). " +
                "Choose a context with `docker context use NAME` or DOCKER_CONTEXT, or set DOCKER_HOST.");
        }

        var meta = MetaFile(contextName);
        using var document = Parse(meta, MaxMetaBytes);
        if (document is null)
        {
            throw DockerEngineException.Unreachable(
                endpoint: null,
                $"The docker context '{contextName}' ({chosenBy}) does not exist: {meta} is missing. " +
                "Run `docker context ls` to see the contexts, then choose one with `docker context use NAME` or DOCKER_CONTEXT, or set DOCKER_HOST.");
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("Endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object
            && endpoints.TryGetProperty("docker", out var docker) && docker.ValueKind == JsonValueKind.Object
            && docker.TryGetProperty("Host", out var host) && host.ValueKind == JsonValueKind.String
            && Text(host, meta) is { Length: > 0 } value)
        {
            var skip = docker.TryGetProperty("SkipTLSVerify", out var flag) && flag.ValueKind == JsonValueKind.True;
            return (value, skip);
        }

        throw DockerEngineException.Unreachable(
            endpoint: null,
            $"The docker context '{contextName}' ({chosenBy}) has no docker endpoint (Endpoints.docker.Host) in {meta}. " +
            "Recreate it with `docker context create NAME --docker host=...`, or set DOCKER_HOST.");
    }

    /// <summary>The file's JSON; <see langword="null"/> when there is no such file.</summary>
    /// <exception cref="DockerEngineException">Of kind <see cref="DockerEngineErrorKind.Unreachable"/> (CLAWKER2001): not a regular file, too large, unreadable, stalled, or not JSON: naming the file and why, never its content.</exception>
    private JsonDocument? Parse(string file, long maxBytes, string consequence = ContextConsequence)
    {
        string text;
        try
        {
            text = RegularFile.Bounded(() => RegularFile.ReadText(file, maxBytes), file, readTimeout).GetAwaiter().GetResult();
        }
        catch (FileReadException e) when (e.Failure == FileReadFailure.NotFound)
        {
            return null;
        }
        catch (FileReadException e)
        {
            // The FileReadException is content-free by contract, so it may be kept as the cause.
            throw Unreadable(file, e.Reason + Hint(e.Failure), e, consequence);
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            // Not kept as the cause: its message quotes the file near the fault.
            throw Unreadable(file, $"it is not valid JSON{JsonFault.Position(e)}", inner: null, consequence);
        }
    }

    /// <summary>A JSON string's text. A lone surrogate escape ("\ud800") is valid JSON to the reader but no text, and GetString throws for it.</summary>
    internal static string Text(JsonElement value, string file)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // Its message names no content, but stays behind all the same: nothing of the file travels on.
            throw Unreadable(file, "it is not valid JSON: a string in it is not valid Unicode (an escaped lone surrogate)", inner: null);
        }
    }

    private string Hint(FileReadFailure failure) => failure switch
    {
        FileReadFailure.Denied => $" (after `sudo docker ...` it is often owned by root: give it back with `sudo chown -R \"$USER\" {ConfigDirectory}`)",
        _ => "",
    };

    private const string ContextConsequence = "so the docker context cannot be read. Fix or remove the file, or set DOCKER_HOST.";

    private static DockerEngineException Unreadable(string file, string why, Exception? inner, string consequence = ContextConsequence) => DockerEngineException.Unreachable(
        endpoint: null,
        $"The docker CLI configuration {file} cannot be used: {why}, {consequence}",
        inner);
}
