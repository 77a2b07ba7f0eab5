using System.Text.RegularExpressions;
using Clawker.Cake.Tests.Infrastructure;

namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>
/// The repository's own <c>./build.sh --target=Prepare</c> (and BuildAgentImage) against remote
/// engines, as release pipelines run it: GitLab's TLS variables, a docker context with TLS
/// material, and <c>ssh://root@127.0.0.1:PORT</c> through the private sshd. One copy of the build
/// serves every run (its agent script is compiled once). Each result is checked by the docker
/// CLI with the same environment, so over the same transport to the same engine.
/// </summary>
public sealed class RemotePrepareEndToEndTests(AddinFeed feed, RemotePrepareEndToEndTests.SharedBuild shared) : LoggedInCakeTest, IClassFixture<RemotePrepareEndToEndTests.SharedBuild>
{
    private const string DockerCli = "/usr/bin/docker";

    [Fact]
    public async Task Prepare_over_GitLabs_TLS_variables_creates_the_volume_on_the_TLS_engine()
    {
        var (host, certs) = TlsEngine.Require();
        var env = Environment(new()
        {
            ["DOCKER_HOST"] = host,
            ["DOCKER_TLS_VERIFY"] = "1",
            ["DOCKER_CERT_PATH"] = certs,
        });
        var run = await PrepareAsync(env);

        // Created, or already there: other TLS tests, running at the same time, ensure it too (none removes it).
        run.Output.ShouldMatch(@"clawker-globals: (Created|AlreadyExisted) on " + Regex.Escape($"{host} (from DOCKER_HOST; TLS verified with {Path.Combine(certs, "ca.pem")}"), run.ToString());
        await VolumeShouldBeThereAsync(env);
    }

    [Fact]
    public async Task Prepare_over_the_current_TLS_docker_context_ensures_the_volume_there()
    {
        var (host, certs) = TlsEngine.Require();
        using var config = new TempDirectory("clawker-docker-config-");
        TlsContext.Write(config.Path, "remote-tls", host, certs, skipTlsVerify: false);
        File.WriteAllText(config.Combine("config.json"), """{ "currentContext": "remote-tls" }""");
        var env = Environment(new() { ["DOCKER_CONFIG"] = config.Path });

        var run = await PrepareAsync(env);

        run.Output.ShouldMatch(@"clawker-globals: (Created|AlreadyExisted) on " + Regex.Escape(host), run.ToString());
        run.Output.ShouldContain($"(docker context 'remote-tls', the current context in {config.Combine("config.json")}; TLS verified with ", customMessage: run.ToString());
        await VolumeShouldBeThereAsync(env);
    }

    [Fact]
    public async Task Prepare_over_ssh_ensures_the_volume_behind_the_sshd_and_leaves_no_ssh_process()
    {
        var host = TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        var env = Environment(ssh.ChildEnvironment());
        env["DOCKER_HOST"] = host;

        var run = await PrepareAsync(env);

        // The address as the endpoint line shows it: the user name masked.
        run.Output.ShouldMatch(@"clawker-globals: (Created|AlreadyExisted) on " + Regex.Escape(host.Replace(TestSsh.User + "@", "***@", StringComparison.Ordinal)), run.ToString());
        run.Output.ShouldContain($"(from DOCKER_HOST; through the system ssh client: ssh -l {TestSsh.User} -p {TestSsh.Port} -- 127.0.0.1 docker system dial-stdio)", customMessage: run.ToString());
        await VolumeShouldBeThereAsync(env);
        (await ssh.LeftAsync(TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }

    [Fact]
    public async Task BuildAgentImage_over_ssh_builds_the_minimal_image_from_a_local_base()
    {
        var host = TestSsh.Require();
        TestEngine.RequireWithCli();
        using var ssh = TestSsh.NewWrapper();
        var env = Environment(ssh.ChildEnvironment());
        env["DOCKER_HOST"] = host;
        var project = TestEngine.UniqueName("ssh-image");
        var baseImage = $"clawker-cake-test-base:{project}";
        using var rootfs = new TempDirectory("clawker-cake-rootfs-");
        File.WriteAllText(rootfs.Combine("README"), "an empty base image for the ssh image build test\n");
        (await ProcessRunner.RunAsync("tar", ["-cf", rootfs.Combine("rootfs.tar"), "-C", rootfs.Path, "README"], rootfs.Path)).ShouldSucceed();
        // Made on the engine behind the sshd, through ssh: only local images.
        (await CliAsync(env, "import", rootfs.Combine("rootfs.tar"), baseImage)).ShouldSucceed();
        try
        {
            var build = await shared.GetAsync(feed);
            var run = await build.RunAsync("BuildAgentImage", env, "--minimal", $"--base-image={baseImage}", $"--project-name={project}");

            run.ExitCode.ShouldBe(0, run.ToString());
            run.All.ShouldNotContain(Token);
            run.Output.ShouldContain("through the system ssh client", customMessage: run.ToString());
            var inspect = await CliAsync(env, "image", "inspect", "--format", "{{json .Config.Labels}}", $"clawker-{project}:latest");
            inspect.ExitCode.ShouldBe(0, inspect.ToString());
            JsonSerializer.Deserialize<Dictionary<string, string>>(inspect.Output)!["com.clawker.managed"].ShouldBe("true");
            (await ssh.LeftAsync(TimeSpan.FromSeconds(5))).ShouldBeEmpty();
        }
        finally
        {
            var images = await TestEngine.CliAsync("image", "ls", "--quiet", "--filter", $"reference=clawker-{project}");
            foreach (var id in images.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct())
            {
                await TestEngine.CliAsync("image", "rm", "--force", id);
            }

            await TestEngine.CliAsync("image", "rm", "--force", baseImage);
        }
    }

    // The crafted login, no DOCKER_* of the test process (it has the private engine's DOCKER_HOST), then the case's own.
    private Dictionary<string, string?> Environment(Dictionary<string, string?> variables)
    {
        var env = Environment();
        foreach (var name in new[] { "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH" })
        {
            env[name] = null;
        }

        foreach (var (name, value) in variables)
        {
            env[name] = value;
        }

        return env;
    }

    private async Task<ProcessResult> PrepareAsync(Dictionary<string, string?> env)
    {
        Login.Write(ClaudeLogin.Json(Token, DateTimeOffset.UtcNow.AddHours(3)));
        var build = await shared.GetAsync(feed);
        var run = await build.RunAsync("Prepare", env);
        run.ExitCode.ShouldBe(0, run.ToString());
        run.All.ShouldNotContain(Token);
        return run;
    }

    private static async Task VolumeShouldBeThereAsync(Dictionary<string, string?> env)
    {
        var inspect = await CliAsync(env, "volume", "inspect", "--format", "{{json .Labels}}", "clawker-globals");
        inspect.ExitCode.ShouldBe(0, inspect.ToString());
        JsonSerializer.Deserialize<Dictionary<string, string>>(inspect.Output)!["com.clawker.purpose"].ShouldBe("globals");
    }

    private static Task<ProcessResult> CliAsync(Dictionary<string, string?> env, params string[] arguments) =>
        ProcessRunner.RunAsync(DockerCli, arguments, Path.GetTempPath(), env);

    /// <summary>The one copy of the repository's build that every case of this class runs.</summary>
    public sealed class SharedBuild : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private RepositoryBuild? _build;

        internal async Task<RepositoryBuild> GetAsync(AddinFeed feed)
        {
            await _gate.WaitAsync();
            try
            {
                return _build ??= await RepositoryBuild.CreateAsync(feed);
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose()
        {
            _build?.Dispose();
            _gate.Dispose();
        }
    }
}
