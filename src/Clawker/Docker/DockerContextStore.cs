using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Clawker.Docker;

/// <summary>
/// Reads the docker CLI's contexts: <c>currentContext</c> in <c>$DOCKER_CONFIG/config.json</c>
/// and each context's endpoint in <c>contexts/meta/&lt;sha256 of the name&gt;/meta.json</c>.
/// </summary>
internal sealed class DockerContextStore(string configDirectory)
{
    /// <summary>The context the docker CLI treats as "no context": DOCKER_HOST or the default socket.</summary>
    public const string DefaultContextName = "default";

    public string ConfigDirectory { get; } = configDirectory;

    public string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

    public static DockerContextStore For(ClawkerEnvironment environment) =>
        new(environment.Variable("DOCKER_CONFIG") ?? Path.Combine(environment.HomeDirectory, ".docker"));

    /// <summary>The <c>currentContext</c> of config.json; <see langword="null"/> when the file or the field is absent.</summary>
    public string? ReadCurrentContext()
    {
        if (!File.Exists(ConfigFile))
        {
            return null;
        }

        using var document = Parse(ConfigFile);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("currentContext", out var current)
            && current.ValueKind == JsonValueKind.String
            && current.GetString() is { Length: > 0 } name
                ? name
                : null;
    }

    public string MetaFile(string contextName) => Path.Combine(ConfigDirectory, "contexts", "meta", Hash(contextName), "meta.json");

    /// <summary>
    /// Why the docker CLI would speak TLS to this context's docker endpoint (it holds TLS
    /// material in <c>contexts/tls/&lt;hash&gt;/docker</c>), or <see langword="null"/>.
    /// </summary>
    public string? TlsReason(string contextName)
    {
        var material = Path.Combine(ConfigDirectory, "contexts", "tls", Hash(contextName), "docker");
        return Directory.Exists(material) ? $"the context has TLS material in {material}" : null;
    }

    private static string Hash(string contextName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(contextName))).ToLowerInvariant();

    /// <summary>The docker endpoint (<c>Endpoints.docker.Host</c>) of a named context.</summary>
    public string ReadHost(string contextName, string chosenBy)
    {
        var meta = MetaFile(contextName);
        if (!File.Exists(meta))
        {
            throw new DockerEngineUnreachableException(
                endpoint: null,
                $"The docker context '{contextName}' ({chosenBy}) does not exist: {meta} is missing. " +
                "Run `docker context ls` to see the contexts, then choose one with `docker context use NAME` or DOCKER_CONTEXT, or set DOCKER_HOST.");
        }

        using var document = Parse(meta);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("Endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object
            && endpoints.TryGetProperty("docker", out var docker) && docker.ValueKind == JsonValueKind.Object
            && docker.TryGetProperty("Host", out var host) && host.ValueKind == JsonValueKind.String
            && host.GetString() is { Length: > 0 } value)
        {
            return value;
        }

        throw new DockerEngineUnreachableException(
            endpoint: null,
            $"The docker context '{contextName}' ({chosenBy}) has no docker endpoint (Endpoints.docker.Host) in {meta}. " +
            "Recreate it with `docker context create NAME --docker host=...`, or set DOCKER_HOST.");
    }

    private static JsonDocument Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException ex)
        {
            throw new DockerEngineUnreachableException(
                endpoint: null,
                $"The docker CLI configuration {file} is not valid JSON ({ex.Message}), so the docker context cannot be read. Fix or remove the file, or set DOCKER_HOST.",
                ex);
        }
    }
}
