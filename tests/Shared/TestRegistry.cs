using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// The private registry build/services/registry.sh starts (127.0.0.1, htpasswd bcrypt auth), its
/// generated login, and checks against its own /v2/ API, independent of Clawker. Also the second
/// private dockerd (build/services/pull-dockerd.sh) a pushed image is pulled into.
/// </summary>
internal static class TestRegistry
{
    public static string? Address => Variable("CLAWKER_REGISTRY");

    public static string User => Variable("CLAWKER_REGISTRY_USER") ?? "";

    public static string Password => Variable("CLAWKER_REGISTRY_PASSWORD") ?? "";

    /// <summary>The second engine, for pulling what was pushed.</summary>
    public static string? PullHost => Variable("CLAWKER_PULL_DOCKER_HOST");

    public static string Require()
    {
        Integration.Require(Address is not null, "No registry: start one with eval \"$(build/services/registry.sh start)\" (sets CLAWKER_REGISTRY).");
        return Address!;
    }

    /// <summary>
    /// Another kind of registry.sh registry: <c>tls</c> (HTTPS with a certificate from a CA made at
    /// start that no engine trusts, reached by a name in the private engines' /etc/hosts) or
    /// <c>readonly</c> (read-only maintenance mode). Its address, user and password.
    /// </summary>
    public static (string Address, string User, string Password) RequireKind(string kind)
    {
        var prefix = kind == "tls" ? "CLAWKER_TLS_REGISTRY" : "CLAWKER_RO_REGISTRY";
        Integration.Require(Variable(prefix) is not null, $"No {kind} registry: start one with eval \"$(build/services/registry.sh start {kind})\" (sets {prefix}).");
        return (Variable(prefix)!, Variable(prefix + "_USER") ?? "", Variable(prefix + "_PASSWORD") ?? "");
    }

    public static void RequirePullEngine() =>
        Integration.Require(PullHost is not null, "No second dockerd: start one with eval \"$(build/services/pull-dockerd.sh start)\" (sets CLAWKER_PULL_DOCKER_HOST).");

    /// <summary>base64 of user:password, as <c>docker login</c> writes it in <c>auths</c>.</summary>
    public static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    /// <summary>config.json with <c>auths.&lt;registry&gt;.auth</c> (another server's when given; and a <c>credHelpers</c> entry when given).</summary>
    public static string AuthsJson(string user, string password, string? credHelper = null, string? server = null)
    {
        var config = new Dictionary<string, object> { ["auths"] = new Dictionary<string, object> { [server ?? Address!] = new Dictionary<string, string> { ["auth"] = Auth(user, password) } } };
        if (credHelper is not null)
        {
            config["credHelpers"] = new Dictionary<string, string> { [Address!] = credHelper };
        }

        return JsonSerializer.Serialize(config);
    }

    /// <summary>config.json with only <c>credHelpers.&lt;registry&gt;</c>.</summary>
    public static string HelperJson(string helper) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["credHelpers"] = new Dictionary<string, string> { [Address!] = helper } });

    /// <summary>A DOCKER_CONFIG folder holding <paramref name="configJson"/> as config.json.</summary>
    public static TempDirectory DockerConfig(string configJson)
    {
        var folder = new TempDirectory("clawker-dockercfg-");
        File.WriteAllText(folder.Combine("config.json"), configJson);
        return folder;
    }

    /// <summary>The registry's tags of <paramref name="path"/> (GET /v2/&lt;path&gt;/tags/list).</summary>
    public static async Task<IReadOnlyList<string>> TagsAsync(string path, CancellationToken cancellationToken)
    {
        using var http = Client();
        var json = await http.GetStringAsync(new Uri($"http://{Address}/v2/{path}/tags/list"), cancellationToken);
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];
    }

    /// <summary>The manifest digest of a tag as the registry reports it (HEAD with the v2/OCI Accept headers).</summary>
    public static async Task<string?> DigestAsync(string path, string tag, CancellationToken cancellationToken)
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{Address}/v2/{path}/manifests/{tag}"));
        foreach (var type in new[] { "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json" })
        {
            request.Headers.Accept.ParseAdd(type);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode && response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : null;
    }

    private static HttpClient Client()
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Auth(User, Password));
        return http;
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
