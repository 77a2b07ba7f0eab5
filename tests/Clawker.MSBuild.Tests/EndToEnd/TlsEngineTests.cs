using Clawker.Docker;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// A consumer of the packed packages against the private dockerd with --tlsverify
/// (build/services/dockerd-tls.sh), with GitLab's variables exactly; a refused client certificate
/// with a known key: no line of that key on the console or in the binlog.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class TlsEngineTests(PackageFeed feed) : LoggedInConsumerTest("clawker-e2e-tls-")
{
    private Dictionary<string, string?> GitLab(string host, string certPath) => new()
    {
        ["DOCKER_HOST"] = host,
        ["DOCKER_TLS_VERIFY"] = "1",
        ["DOCKER_CERT_PATH"] = certPath,
        ["CLAUDE_CONFIG_DIR"] = Login.ConfigDir,
        ["CLAWKER_KEYRING"] = "none",
    };

    [Fact]
    public async Task Dotnet_run_with_GitLabs_variables_ensures_the_volume_on_the_TLS_engine()
    {
        var (host, certs) = TlsEngine.Require();
        await File.WriteAllTextAsync(Login.CredentialsFile, ClaudeLogin.Json(ClaudeLogin.NewAccessToken()), TestContext.Current.CancellationToken);
        var app = await feed.SharedConsumerAsync("RunApp");

        var run = (await app.DotNetAsync(GitLab(host, certs), "run")).ShouldSucceed();
        run.All.ShouldContain("Hello, World!");
        run.All.ShouldNotContain("CLAWKER");

        var build = (await app.BuildAsync(GitLab(host, certs), ["-t:ClawkerEnsureGlobalsVolume", "-v:n"])).ShouldSucceed();
        build.All.ShouldContain($"clawker-globals: AlreadyExisted on {host} (from DOCKER_HOST; TLS verified with {Path.Combine(certs, "ca.pem")}");

        using var engine = await DockerEngine.ConnectAsync(TlsEngine.Options(new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = host, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = certs,
        }, Login.ConfigDir), TestContext.Current.CancellationToken);
        var volume = await engine.Client.Volumes.InspectAsync(GlobalsVolume.Name, TestContext.Current.CancellationToken);
        volume.Labels.ShouldContainKeyAndValue("com.clawker.purpose", "globals");
    }

    [Fact]
    public async Task A_refused_client_certificate_is_CLAWKER2007_and_its_key_reaches_neither_console_nor_binlog()
    {
        var (host, certs) = TlsEngine.Require();
        var folder = Directory.CreateDirectory(Path.Combine(Login.ConfigDir, "other-certs")).FullName;
        File.Copy(Path.Combine(certs, "ca.pem"), Path.Combine(folder, "ca.pem"));
        var (_, cert, key) = TlsEngine.OtherAuthority(clientAuth: true);
        await File.WriteAllTextAsync(Path.Combine(folder, "cert.pem"), cert, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), key, TestContext.Current.CancellationToken);
        var app = await feed.SharedConsumerAsync("RunApp");
        var binlog = Path.Combine(Login.ConfigDir, "tls.binlog");

        var build = (await app.BuildAsync(GitLab(host, folder), ["-t:ClawkerEnsureGlobalsVolume", "-v:diag", $"-bl:{binlog}"])).ShouldFail();
        build.All.ShouldContain("error CLAWKER2007");
        build.All.ShouldContain("refused the client certificate");
        var replayLog = Path.Combine(Login.ConfigDir, "tls.replay.log");
        (await app.DotNetAsync(null, "msbuild", binlog, "-noconlog", "-fl", $"-flp:logfile={replayLog};verbosity=diagnostic")).ShouldSucceed();
        var replay = await File.ReadAllTextAsync(replayLog, TestContext.Current.CancellationToken);
        replay.ShouldContain("CLAWKER2007", Case.Sensitive);

        var keyLines = key.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).ToArray();
        keyLines.Length.ShouldBeGreaterThan(10);
        foreach (var text in new[] { build.All, replay })
        {
            text.ShouldNotContain("PRIVATE KEY-----", Case.Sensitive);
            foreach (var line in keyLines)
            {
                text.ShouldNotContain(line, Case.Sensitive);
            }
        }
    }
}
