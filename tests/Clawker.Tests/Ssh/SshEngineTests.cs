using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clawker.Docker;
using Clawker.Docker.Ssh;
using Clawker.Images;
using Clawker.Tests.Images;
using Clawker.Tests.Infrastructure;
using Docker.DotNet.Models;

namespace Clawker.Tests.Ssh;

/// <summary>
/// ssh:// engines for real: the private sshd (build/services/sshd.sh) whose remote docker reaches
/// the private dockerd. Each test runs ssh through a wrapper of its own and counts the ssh
/// processes that wrapper started: one per connection while in use, none once the engine is gone.
/// Not under Clawker.Tests.Docker: the podman re-run of those must not run these, whose sshd reaches dockerd.
/// </summary>
public sealed class SshEngineTests
{
    private static readonly TimeSpan Connect = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Gone = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ensure_over_ssh_uses_one_ssh_process_for_every_request_and_leaves_none()
    {
        TestSsh.Require();
        TestEngine.RequireWithCli();
        using var ssh = TestSsh.NewWrapper();
        var seen = new List<SshConnection>();
        var purpose = TestEngine.NewPurpose();
        try
        {
            using (var engine = await DockerEngine.ConnectAsync(Options(TestSsh.Host!, ssh, seen), Ct))
            {
                engine.Endpoint.ToString().ShouldContain($"through the system ssh client: ssh -l {TestSsh.User} -p {TestSsh.Port} -- 127.0.0.1 docker system dial-stdio");
                (await ClawkerVolumes.EnsureAsync(engine, purpose, Ct)).Outcome.ShouldBe(VolumeEnsureOutcome.Created);
                (await ClawkerVolumes.EnsureAsync(engine, purpose, Ct)).Outcome.ShouldBe(VolumeEnsureOutcome.AlreadyExisted);
                ssh.Processes().Count.ShouldBe(1);
            }

            seen.Count.ShouldBe(1, "the version check and both ensures share one connection");
            (await ssh.LeftAsync(Gone)).ShouldBeEmpty();
            var labels = (await TestEngine.CliAsync("volume", "inspect", ClawkerVolumes.Name(purpose), "--format", "{{json .Labels}}")).ShouldSucceed();
            labels.Output.ShouldContain($"\"com.clawker.purpose\":\"{purpose}\"");
        }
        finally
        {
            await TestEngine.CliAsync("volume", "rm", "-f", ClawkerVolumes.Name(purpose));
        }
    }

    [Fact]
    public async Task An_agent_image_builds_over_ssh_through_one_ssh_process()
    {
        TestSsh.Require();
        OfflineRootFs.RequireWithEngine();
        using var ssh = TestSsh.NewWrapper();
        using var work = TestAgentImage.NewWorkDirectory();
        var bundle = await TestAgentImage.BundleAsync(TestEngine.UniqueName("sshbuild"), work.Path);
        var seen = new List<SshConnection>();

        using (var engine = await DockerEngine.ConnectAsync(Options(TestSsh.Host!, ssh, seen), Ct))
        {
            var result = await AgentImageBuilder.BuildAsync(engine, bundle, cancellationToken: Ct);

            result.Skipped.ShouldBeFalse();
            using var client = TestEngine.Client();
            (await client.Images.InspectImageAsync(bundle.Tag, Ct)).ID.ShouldBe(result.ImageId);
        }

        seen.Count.ShouldBe(1);
        (await ssh.LeftAsync(Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_socket_path_in_the_address_is_the_remote_dockers_host()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();

        using (var engine = await DockerEngine.ConnectAsync(Options(TestSsh.Host + TestSsh.EngineSocket, ssh), Ct))
        {
            engine.Endpoint.Reason.ShouldContain($"docker --host=unix://{TestSsh.EngineSocket} system dial-stdio");
            DockerEngine.IsSupported(engine.ApiVersion).ShouldBeTrue();
        }

        // The remote's DOCKER_HOST would reach the engine: only the path can make this fail.
        var missing = $"/tmp/clawker-no-engine-{Guid.NewGuid():N}.sock";
        var error = await FailsAsync(TestSsh.Host + missing, ssh, DockerEngineErrorKind.SshRemoteEngineUnreachable);
        error.Code.ShouldBe("CLAWKER2018");
        error.Message.ShouldContain($"dial unix {missing}");
    }

    [Fact]
    public async Task An_unknown_host_key_is_CLAWKER2014_with_ssh_s_reason()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper((dir, config) => TestSsh.WithOption(config, "UserKnownHostsFile", EmptyFile(dir)));

        var error = await FailsAsync(TestSsh.Host!, ssh, DockerEngineErrorKind.SshHostKeyRejected);

        error.Code.ShouldBe("CLAWKER2014");
        error.Message.ShouldContainAll("ssh said: ", "Host key verification failed.", $"ssh -p {TestSsh.Port} {TestSsh.User}@127.0.0.1");
    }

    [Fact]
    public async Task A_key_the_server_does_not_accept_is_CLAWKER2015()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper((dir, config) => TestSsh.WithOption(config, "IdentityFile", dir.Combine("other_key")));
        var key = ssh.Folder.Combine("other_key");
        (await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key], ssh.Folder.Path)).ShouldSucceed();

        var error = await FailsAsync(TestSsh.Host!, ssh, DockerEngineErrorKind.SshAuthenticationFailed);

        error.Code.ShouldBe("CLAWKER2015");
        error.Message.ShouldContain("Permission denied (publickey)");
        error.Message.ShouldNotContain(File.ReadAllText(key + ".pub").Split(' ')[1]);
    }

    [Fact]
    public async Task A_port_with_nothing_listening_is_CLAWKER2016()
    {
        var error = await FailsThroughPlainWrapperAsync(() => $"ssh://{TestSsh.User}@127.0.0.1:{FreePort()}", DockerEngineErrorKind.SshConnectFailed);

        error.Code.ShouldBe("CLAWKER2016");
        error.Message.ShouldContain("Connection refused");
    }

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_fails_within_the_connect_timeout_and_leaves_no_ssh()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        // Kept and awaited at the end: a discarded accept loop faults when the listener stops, and its
        // unobserved exception surfaced in whichever test counted them next.
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptSocketAsync(Ct));
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The listener stopped: the loop's end.
            }
        }, Ct);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var options = Options($"ssh://{TestSsh.User}@127.0.0.1:{port}", ssh) with { ConnectTimeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(options, Ct));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2 + 5));
        // Whichever bound fires first: ours (no answer to the version check) or ssh's own banner timeout.
        error.Code.ShouldBeOneOf("CLAWKER2001", "CLAWKER2016");
        (await ssh.LeftAsync(Gone)).ShouldBeEmpty();
        silent.Stop();
        await accepting;
        accepted.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task A_remote_without_docker_on_its_PATH_is_CLAWKER2017()
    {
        var error = await FailsThroughPlainWrapperAsync(() => TestSsh.NoDockerHost, DockerEngineErrorKind.SshRemoteDockerMissing);

        error.Code.ShouldBe("CLAWKER2017");
        error.Message.ShouldContain("docker: command not found");
    }

    [Fact]
    public async Task No_ssh_on_PATH_is_CLAWKER2019_without_starting_anything()
    {
        using var temp = new TempDirectory("clawker-ssh-");
        var env = ClawkerEnvironment.FromValues(new Dictionary<string, string> { ["PATH"] = temp.Path }, temp.Path);
        var options = DockerEndpointOptions.Create("ssh://nobody@127.0.0.1:1", "the test's host", env, Connect);

        var error = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(options, Ct)).OfKind(DockerEngineErrorKind.SshFailed);

        error.Message.ShouldContainAll("No ssh program was found on PATH", "openssh-client");
    }

    [Fact]
    public async Task Cancelling_a_request_ends_its_ssh_process()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        using (var engine = await DockerEngine.ConnectAsync(Options(TestSsh.Host!, ssh), Ct))
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var events = engine.InvokeAsync(WatchEventsAsync, Timeout.InfiniteTimeSpan, cancel.Token);
            await Task.Delay(500, Ct);
            ssh.Processes().Count.ShouldBe(1);
            await cancel.CancelAsync();

            await Should.ThrowAsync<OperationCanceledException>(() => events);
        }

        (await ssh.LeftAsync(Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_request_timeout_is_coded_and_ends_its_ssh_process()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        var options = Options(TestSsh.Host!, ssh) with { RequestTimeout = TimeSpan.FromSeconds(1) };
        using (var engine = await DockerEngine.ConnectAsync(options, Ct))
        {
            var error = await Should.ThrowAsync<DockerEngineException>(() => engine.InvokeAsync(WatchEventsAsync, Ct)).OfKind(DockerEngineErrorKind.Unreachable);
            error.Message.ShouldContain("did not answer within");
        }

        (await ssh.LeftAsync(Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Concurrent_requests_open_several_ssh_processes_and_disposing_the_engine_ends_them_all()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        var seen = new List<SshConnection>();
        using (var engine = await DockerEngine.ConnectAsync(Options(TestSsh.Host!, ssh, seen), Ct))
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            // Streams that never end hold their connections: each needs an ssh process of its own.
            var streams = Enumerable.Range(0, 3).Select(_ => engine.InvokeAsync(WatchEventsAsync, Timeout.InfiniteTimeSpan, cancel.Token)).ToList();
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (ssh.Processes().Count < 3 && DateTime.UtcNow < until)
            {
                await Task.Delay(100, Ct);
            }

            ssh.Processes().Count.ShouldBe(3);
            (await engine.InvokeAsync((c, ct) => c.System.GetVersionAsync(ct), Ct)).ShouldNotBeNull();
            await cancel.CancelAsync();
            foreach (var stream in streams)
            {
                await Should.ThrowAsync<OperationCanceledException>(() => stream);
            }
        }

        seen.Count.ShouldBeGreaterThanOrEqualTo(3);
        (await ssh.LeftAsync(Gone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Connecting_with_a_cancelled_token_leaves_no_ssh_process()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => DockerEngine.ConnectAsync(Options(TestSsh.Host!, ssh), cancel.Token));

        // Not left for the connect timeout (10 s here) to end.
        (await ssh.LeftAsync(TimeSpan.FromSeconds(3))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_while_connecting_leaves_no_ssh_process()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(50));

        try
        {
            using var engine = await DockerEngine.ConnectAsync(Options(TestSsh.Host!, ssh), cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected on a loaded machine; a fast one may connect first.
        }

        (await ssh.LeftAsync(TimeSpan.FromSeconds(3))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_at_any_moment_of_the_parallel_start_leaves_no_ssh_and_no_unobserved_exception()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        using var unobserved = new UnobservedTaskExceptions();
        // From before ssh starts, through the warm-up and client build, to the first answer.
        foreach (var after in new[] { 0, 1, 5, 20, 60, 150, 400 })
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            cancel.CancelAfter(TimeSpan.FromMilliseconds(after));
            try
            {
                using var engine = await DockerEngine.ConnectAsync(Options(TestSsh.Host!, ssh), cancel.Token);
                await GlobalsVolume.EnsureAsync(engine, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                // Expected for the early moments; the late ones may finish first.
            }

            (await ssh.LeftAsync(TimeSpan.FromSeconds(3))).ShouldBeEmpty($"cancelled after {after} ms");
        }

        unobserved.FromClawker().ShouldBeEmpty(unobserved.ToString());
    }

    [Fact]
    public async Task A_ProxyCommand_and_what_it_started_end_with_the_connection()
    {
        TestSsh.Require();
        string? proxy = null;
        using var ssh = TestSsh.NewWrapper((dir, config) =>
        {
            // Relays ssh's stream to the server through two children, each named after the script.
            proxy = dir.Combine("proxy.sh");
            File.WriteAllText(proxy, "#!/bin/bash\nexec 3<>/dev/tcp/127.0.0.1/\"$1\"\n(exec -a \"$0-in\" cat <&3) &\nexec -a \"$0-out\" cat >&3\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(proxy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return config + $"\n  ProxyCommand {proxy} %p\n";
        });
        IReadOnlyList<int> Relays() => TestSsh.ProcessesWhere(args => args[0].StartsWith(proxy!, StringComparison.Ordinal));

        using (var engine = await DockerEngine.ConnectAsync(Options(TestSsh.Host!, ssh), Ct))
        {
            // Connected: the version check went through the relay.
            ssh.Processes().Count.ShouldBe(1);
            Relays().Count.ShouldBe(2, "both relay children run while the connection does");
        }

        (await ssh.LeftAsync(Gone)).ShouldBeEmpty();
        (await TestSsh.LeftAsync(Relays, Gone)).ShouldBeEmpty("the ProxyCommand's children end with ssh");
    }

    [Fact]
    public async Task When_this_process_dies_its_closed_pipes_end_ssh()
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        var seen = new List<SshConnection>();
        using var engine = await DockerEngine.ConnectAsync(Options(TestSsh.Host!, ssh, seen), Ct);
        ssh.Processes().Count.ShouldBe(1);

        // What the OS does to a crashed MSBuild node or Cake host: its pipe ends close, nothing kills ssh.
        seen.ShouldHaveSingleItem().AbandonPipes();

        (await ssh.LeftAsync(TimeSpan.FromSeconds(10))).ShouldBeEmpty();
    }

    /// <summary><see cref="FailsAsync"/> through a wrapper with the service's own config; the address is read once the service is known to run.</summary>
    private static async Task<DockerEngineException> FailsThroughPlainWrapperAsync(Func<string> host, DockerEngineErrorKind kind)
    {
        TestSsh.Require();
        using var ssh = TestSsh.NewWrapper();
        return await FailsAsync(host(), ssh, kind);
    }

    private static async Task<DockerEngineException> FailsAsync(string host, SshWrapper ssh, DockerEngineErrorKind kind)
    {
        var clock = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<DockerEngineException>(() => DockerEngine.ConnectAsync(Options(host, ssh), Ct)).OfKind(kind);
        clock.Elapsed.ShouldBeLessThan(Connect + TimeSpan.FromSeconds(5));
        error.Message.ShouldContain("through the system ssh client");
        error.Message.ShouldNotContain("\n");
        (await ssh.LeftAsync(Gone)).ShouldBeEmpty();
        return error;
    }

    private static async Task<int> WatchEventsAsync(global::Docker.DotNet.IDockerClient client, CancellationToken ct)
    {
        await client.System.MonitorEventsAsync(new ContainerEventsParameters(), new Progress<Message>(), ct);
        return 0;
    }

    internal static DockerEndpointOptions Options(string host, SshWrapper ssh, List<SshConnection>? seen = null) =>
        DockerEndpointOptions.Create(host, "the test's host", TestSsh.EnvironmentWith(ssh.Bin), Connect) with
        {
            WrapSshConnection = seen is null ? null : c => { lock (seen) { seen.Add(c); } },
        };

    private static string EmptyFile(TempDirectory dir)
    {
        var path = dir.Combine("known_hosts");
        File.WriteAllText(path, string.Empty);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
