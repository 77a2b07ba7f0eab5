using System.Security.Cryptography;

namespace Clawker.Tests.Docker;

/// <summary>Endpoint resolution with an injected environment and a temporary DOCKER_CONFIG; no process state is touched.</summary>
public sealed class DockerEndpointResolverTests : IDisposable
{
    private readonly TempDirectory _home = new("clawker-home-");
    private readonly Dictionary<string, string> _variables = new();
    private readonly HashSet<string> _files = new();

    public void Dispose() => _home.Dispose();

    private string DockerConfig => Path.Combine(_home.Path, ".docker");

    private DockerEndpoint Resolve(string? host = null) =>
        DockerEndpointResolver.Resolve(new DockerEndpointOptions
        {
            Host = host,
            HostOptionName = "ClawkerDockerHost",
            Environment = new ClawkerEnvironment(n => _variables.GetValueOrDefault(n), () => _home.Path, () => "user", _files.Contains, isWindows: false),
        });

    private void WriteConfig(string json, string? dir = null)
    {
        Directory.CreateDirectory(dir ?? DockerConfig);
        File.WriteAllText(Path.Combine(dir ?? DockerConfig, "config.json"), json);
    }

    private void WriteContext(string name, string host, string? dir = null)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
        var meta = Path.Combine(dir ?? DockerConfig, "contexts", "meta", hash);
        Directory.CreateDirectory(meta);
        File.WriteAllText(Path.Combine(meta, "meta.json"),
            System.Text.Json.JsonSerializer.Serialize(new
            {
                Name = name,
                Metadata = new { },
                Endpoints = new { docker = new { Host = host, SkipTLSVerify = false } },
            }));
    }

    [Fact]
    public void Host_option_wins_over_everything()
    {
        _variables["DOCKER_HOST"] = "unix:///env.sock";
        _variables["DOCKER_CONTEXT"] = "ctx";
        var endpoint = Resolve("unix:///option.sock");
        endpoint.Uri.ShouldBe(new Uri("unix:///option.sock"));
        endpoint.Source.ShouldBe(DockerEndpointSource.HostOption);
        endpoint.ToString().ShouldBe("unix:///option.sock (from ClawkerDockerHost)");
    }

    [Fact]
    public void Docker_host_wins_over_contexts()
    {
        _variables["DOCKER_HOST"] = "tcp://127.0.0.1:2375";
        _variables["DOCKER_CONTEXT"] = "missing-context-is-not-read";
        var endpoint = Resolve();
        endpoint.Uri.ShouldBe(new Uri("tcp://127.0.0.1:2375"));
        endpoint.Source.ShouldBe(DockerEndpointSource.DockerHostVariable);
        endpoint.Reason.ShouldBe("from DOCKER_HOST");
    }

    [Fact]
    public void A_tcp_host_without_a_port_gets_the_docker_clis_default_2375()
    {
        _variables["DOCKER_HOST"] = "tcp://10.0.0.5";
        Resolve().Uri.Port.ShouldBe(2375);
        Resolve("tcp://10.0.0.6:1234").Uri.Port.ShouldBe(1234);
    }

    [Fact]
    public void DOCKER_TLS_VERIFY_turns_on_verified_TLS_with_files_from_DOCKER_CERT_PATH_and_port_2376()
    {
        _variables["DOCKER_HOST"] = "tcp://10.0.0.5";
        _variables["DOCKER_TLS_VERIFY"] = "0"; // any non-empty value, as the docker CLI reads it
        _variables["DOCKER_CERT_PATH"] = "/certs/client";
        _files.Add("/certs/client/cert.pem");

        var endpoint = Resolve();

        endpoint.Uri.ShouldBe(new Uri("tcp://10.0.0.5:2376"));
        endpoint.Tls.ShouldBe(new DockerTls(true, "/certs/client/ca.pem", "/certs/client/cert.pem", "/certs/client/key.pem", "DOCKER_TLS_VERIFY, files from DOCKER_CERT_PATH"));
        endpoint.ToString().ShouldBe("tcp://10.0.0.5:2376 (from DOCKER_HOST; TLS verified with /certs/client/ca.pem, client certificate /certs/client/cert.pem; DOCKER_TLS_VERIFY, files from DOCKER_CERT_PATH)");
        _variables["DOCKER_HOST"] = "unix:///run/docker.sock";
        Resolve().Tls.ShouldBeNull("TLS does not apply to a unix socket");
    }

    [Fact]
    public void Without_cert_pem_and_key_pem_no_client_certificate_is_sent_and_the_cert_folder_defaults_to_the_docker_config()
    {
        _variables["DOCKER_HOST"] = "tcp://10.0.0.5:2376";
        _variables["DOCKER_TLS_VERIFY"] = "1";
        var tls = Resolve().Tls.ShouldNotBeNull();
        tls.CaFile.ShouldBe(Path.Combine(DockerConfig, "ca.pem"));
        tls.CertFile.ShouldBeNull();
        tls.Origin.ShouldBe("DOCKER_TLS_VERIFY, files from the docker config folder");
    }

    [Fact]
    public void DOCKER_TLS_is_TLS_without_verification_and_a_warning()
    {
        _variables["DOCKER_HOST"] = "tcp://10.0.0.5:2376";
        _variables["DOCKER_TLS"] = "1";
        var endpoint = Resolve();
        endpoint.Tls.ShouldNotBeNull().Verify.ShouldBeFalse();
        endpoint.Tls.CaFile.ShouldBeNull();
        endpoint.Findings.ShouldHaveSingleItem().Code.ShouldBe(Clawker.Diagnostics.ErrorCodes.TlsNotVerified);
    }

    [Fact]
    public void The_settings_win_over_the_variables_and_are_named_as_the_surface_spells_them()
    {
        _variables["DOCKER_HOST"] = "tcp://10.0.0.5:2376";
        _variables["DOCKER_CERT_PATH"] = "/env/certs";
        var options = new DockerEndpointOptions
        {
            HostOptionName = "ClawkerVolumeSettings.DockerHost",
            Environment = new ClawkerEnvironment(n => _variables.GetValueOrDefault(n), () => _home.Path, () => "user", _files.Contains, isWindows: false),
            TlsVerify = true,
            CertPath = "/setting/certs",
        };
        var tls = DockerEndpointResolver.Resolve(options).Tls.ShouldNotBeNull();
        tls.CaFile.ShouldBe("/setting/certs/ca.pem");
        tls.Origin.ShouldBe("ClawkerVolumeSettings.DockerTlsVerify, files from ClawkerVolumeSettings.DockerCertPath");

        _variables["DOCKER_TLS_VERIFY"] = "1";
        DockerEndpointResolver.Resolve(options with { TlsVerify = false }).Tls.ShouldBeNull("false ignores DOCKER_TLS_VERIFY");
    }

    [Fact]
    public void TLS_on_without_a_host_goes_to_localhost_2376_as_the_docker_cli_does()
    {
        _variables["DOCKER_TLS_VERIFY"] = "1";
        _files.Add("/var/run/docker.sock");
        var endpoint = Resolve();
        endpoint.Uri.ShouldBe(new Uri("tcp://localhost:2376"));
        endpoint.Tls.ShouldNotBeNull();
    }

    [Fact]
    public void A_context_with_TLS_material_speaks_TLS_with_its_own_files_not_the_variables()
    {
        WriteContext("remote", "tcp://10.0.0.7:2376");
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("remote"))).ToLowerInvariant();
        var material = Path.Combine(DockerConfig, "contexts", "tls", hash, "docker");
        Directory.CreateDirectory(material);
        _files.Add(Path.Combine(material, "ca.pem"));
        _variables["DOCKER_CONTEXT"] = "remote";
        _variables["DOCKER_CERT_PATH"] = "/not/used";

        var endpoint = Resolve();

        endpoint.Tls.ShouldBe(new DockerTls(true, Path.Combine(material, "ca.pem"), null, null, $"files from the context's {material}"));
        endpoint.ToString().ShouldContain("docker context 'remote'");
    }

    [Fact]
    public void A_context_with_SkipTLSVerify_and_no_material_speaks_unverified_TLS()
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("insecure"))).ToLowerInvariant();
        var meta = Path.Combine(DockerConfig, "contexts", "meta", hash);
        Directory.CreateDirectory(meta);
        File.WriteAllText(Path.Combine(meta, "meta.json"), """{"Name":"insecure","Endpoints":{"docker":{"Host":"tcp://10.0.0.8","SkipTLSVerify":true}}}""");
        _variables["DOCKER_CONTEXT"] = "insecure";

        var endpoint = Resolve();

        endpoint.Uri.Port.ShouldBe(2376);
        endpoint.Tls.ShouldNotBeNull().Verify.ShouldBeFalse();
        endpoint.Findings.ShouldHaveSingleItem();
    }

    [Fact]
    public void Empty_docker_host_counts_as_unset()
    {
        _variables["DOCKER_HOST"] = "";
        _files.Add("/var/run/docker.sock");
        Resolve().Source.ShouldBe(DockerEndpointSource.DefaultSocket);
    }

    [Fact]
    public void Docker_context_variable_reads_the_context_meta()
    {
        WriteContext("remote", "unix:///ctx/docker.sock");
        WriteConfig("""{"currentContext":"other"}""");
        _variables["DOCKER_CONTEXT"] = "remote";
        var endpoint = Resolve();
        endpoint.Uri.ShouldBe(new Uri("unix:///ctx/docker.sock"));
        endpoint.Source.ShouldBe(DockerEndpointSource.DockerContextVariable);
        endpoint.Reason.ShouldContain("'remote'");
        endpoint.Reason.ShouldContain("DOCKER_CONTEXT");
    }

    [Fact]
    public void Current_context_of_config_json_in_DOCKER_CONFIG()
    {
        var config = Path.Combine(_home.Path, "elsewhere");
        _variables["DOCKER_CONFIG"] = config;
        WriteConfig("""{"auths":{},"currentContext":"colima"}""", config);
        WriteContext("colima", "unix:///colima/docker.sock", config);
        var endpoint = Resolve();
        endpoint.Uri.ShouldBe(new Uri("unix:///colima/docker.sock"));
        endpoint.Source.ShouldBe(DockerEndpointSource.CurrentContext);
        endpoint.Reason.ShouldContain(Path.Combine(config, "config.json"));
    }

    [Fact]
    public void Default_context_means_the_default_socket()
    {
        WriteConfig("""{"currentContext":"default"}""");
        _files.Add("/var/run/docker.sock");
        Resolve().Source.ShouldBe(DockerEndpointSource.DefaultSocket);

        _variables["DOCKER_CONTEXT"] = "default";
        Resolve().Source.ShouldBe(DockerEndpointSource.DefaultSocket);
    }

    [Fact]
    public void Missing_context_is_CLAWKER2001_naming_the_context_and_file()
    {
        _variables["DOCKER_CONTEXT"] = "gone";
        var ex = Should.Throw<DockerEngineException>(() => Resolve()).OfKind(DockerEngineErrorKind.Unreachable);
        ex.Code.ShouldBe("CLAWKER2001");
        ex.Message.ShouldContainAll("'gone'", "DOCKER_CONTEXT", "docker context ls");
    }

    [Fact]
    public void Context_without_docker_endpoint_is_CLAWKER2001()
    {
        WriteContext("k8s-only", "");
        _variables["DOCKER_CONTEXT"] = "k8s-only";
        Should.Throw<DockerEngineException>(() => Resolve()).OfKind(DockerEngineErrorKind.Unreachable).Message.ShouldContain("Endpoints.docker.Host");
    }

    [Fact]
    public void Malformed_config_json_is_CLAWKER2001_naming_the_file()
    {
        WriteConfig("{not json");
        Should.Throw<DockerEngineException>(() => Resolve()).OfKind(DockerEngineErrorKind.Unreachable).Message.ShouldContain(Path.Combine(DockerConfig, "config.json"));
    }

    [Fact]
    public void Default_socket_when_present_even_if_rootless_exists()
    {
        _variables["XDG_RUNTIME_DIR"] = "/run/user/1000";
        _files.Add("/var/run/docker.sock");
        _files.Add("/run/user/1000/docker.sock");
        var endpoint = Resolve();
        endpoint.Uri.ShouldBe(new Uri("unix:///var/run/docker.sock"));
        endpoint.Source.ShouldBe(DockerEndpointSource.DefaultSocket);
    }

    [Fact]
    public void Rootless_docker_when_default_socket_is_absent()
    {
        _variables["XDG_RUNTIME_DIR"] = "/run/user/1000";
        _files.Add("/run/user/1000/docker.sock");
        _files.Add("/run/user/1000/podman/podman.sock");
        var endpoint = Resolve();
        endpoint.Uri.ShouldBe(new Uri("unix:///run/user/1000/docker.sock"));
        endpoint.Source.ShouldBe(DockerEndpointSource.RootlessDockerSocket);
        endpoint.Reason.ShouldContain("/var/run/docker.sock does not exist");
    }

    [Fact]
    public void Rootless_podman_then_rootful_podman()
    {
        _variables["XDG_RUNTIME_DIR"] = "/run/user/1000";
        _files.Add("/run/user/1000/podman/podman.sock");
        _files.Add("/run/podman/podman.sock");
        Resolve().Uri.ShouldBe(new Uri("unix:///run/user/1000/podman/podman.sock"));

        _files.Remove("/run/user/1000/podman/podman.sock");
        var endpoint = Resolve();
        endpoint.Uri.ShouldBe(new Uri("unix:///run/podman/podman.sock"));
        endpoint.Source.ShouldBe(DockerEndpointSource.PodmanSocket);
    }

    [Fact]
    public void Nothing_found_is_the_default_socket_listing_what_was_checked()
    {
        _variables["XDG_RUNTIME_DIR"] = "/run/user/1000";
        var endpoint = Resolve();
        endpoint.Uri.ShouldBe(new Uri("unix:///var/run/docker.sock"));
        endpoint.Source.ShouldBe(DockerEndpointSource.DefaultSocket);
        endpoint.Reason.ShouldContain("/run/user/1000/docker.sock");
        endpoint.Reason.ShouldContain("/run/podman/podman.sock");
    }

    [Fact]
    public void Windows_default_is_the_named_pipe()
    {
        var endpoint = DockerEndpointResolver.Resolve(new DockerEndpointOptions
        {
            Environment = new ClawkerEnvironment(_ => null, () => _home.Path, () => "user", _ => false, isWindows: true),
        });
        endpoint.Uri.ShouldBe(new Uri("npipe://./pipe/docker_engine"));
    }

    [Fact]
    public void Windows_context_pipe_address_is_normalised()
    {
        WriteContext("desktop-windows", "npipe:////./pipe/dockerDesktopWindowsEngine");
        _variables["DOCKER_CONTEXT"] = "desktop-windows";
        Resolve().Uri.ShouldBe(new Uri("npipe://./pipe/dockerDesktopWindowsEngine"));
    }

    [Theory]
    [InlineData("not a uri", "unix:///")]
    [InlineData("ftp://host", "unix:///")]
    public void Unusable_addresses_are_CLAWKER2001_with_a_hint(string address, string hint)
    {
        _variables["DOCKER_HOST"] = address;
        var ex = Should.Throw<DockerEngineException>(() => Resolve()).OfKind(DockerEngineErrorKind.Unreachable);
        ex.Message.ShouldContainAll("DOCKER_HOST", hint);
    }

    [Fact]
    public void Credentials_in_an_address_never_reach_messages()
    {
        const string token = "s3cr3t-t0ken-4711";
        _variables["DOCKER_HOST"] = $"tcp://user:{token}@127.0.0.1:2375";
        var endpoint = Resolve();
        endpoint.ToString().ShouldNotContain(token);
        endpoint.ToString().ShouldContain("***@127.0.0.1:2375");

        _variables["DOCKER_HOST"] = $"ssh://user:{token}@host";
        var ssh = Should.Throw<DockerEngineException>(() => Resolve()).OfKind(DockerEngineErrorKind.SshAddressInvalid);
        ssh.Message.ShouldNotContain(token);
        ssh.ToString().ShouldNotContain(token);
    }
}
