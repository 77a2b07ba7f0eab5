using System.Text.RegularExpressions;
using Clawker.Tests.Infrastructure;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// The <c>dotnet run</c> hook does the credential check, the login on clawker-globals and the
/// volume ensure in one task on one engine connection: a real consumer of the packed package, its
/// run step compared with the two public targets run alone (messages, outputs, codes, outcome).
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class PrepareOnRunTests(PackageFeed feed) : LoggedInConsumerTest("clawker-e2e-prepare-")
{
    private const string Separate = "-t:ClawkerValidateCredentials;ClawkerEnsureGlobalsVolume;ShowClawkerOutputs";
    private const string Combined = "-t:ComputeRunArguments;ShowClawkerOutputs";

    private static string? DockerHost => Environment.GetEnvironmentVariable("DOCKER_HOST");

    // What a user sees of the steps: their messages (normal verbosity), the outputs, every coded diagnostic.
    [GeneratedRegex(@"^\s*(Clawker credentials: .*|Clawker volume .*|OUTPUTS .*|.*(warning|error) CLAWKER\d{4}.*)$", RegexOptions.Multiline)]
    private static partial Regex StepLines();

    [GeneratedRegex(@"(warning|error) CLAWKER\d{4}")]
    private static partial Regex Codes();

    [Fact]
    public async Task The_run_step_is_one_task_with_the_messages_and_outputs_of_the_two_targets()
    {
        Integration.Require(DockerHost is { Length: > 0 }, "DOCKER_HOST is not set: eval \"$(build/services/dockerd.sh start)\" first");
        Login.Write(ClaudeLogin.Json(ClaudeLogin.NewAccessToken()));
        var app = await ConsumerAsync();
        var env = Env(DockerHost);
        (await app.BuildAsync(env, Combined)).ShouldSucceed(); // the volume exists from here on, for both

        var separate = (await app.BuildAsync(env, Separate, "--no-restore", "-v:n", "-clp:PerformanceSummary")).ShouldSucceed();
        var combined = (await app.BuildAsync(env, Combined, "--no-restore", "-v:n", "-clp:PerformanceSummary")).ShouldSucceed();

        Lines(combined).ShouldBe(Lines(separate));
        Lines(combined).ShouldContain(l => l.StartsWith("Clawker volume clawker-globals: AlreadyExisted", StringComparison.Ordinal));
        Lines(combined).ShouldContain($"OUTPUTS source=file {Login.CredentialsFile} volume=clawker-globals");
        // One task did it: the ensure task never ran on the run step.
        TaskSummary(separate).ShouldContain("EnsureClawkerGlobalsVolume");
        TaskSummary(combined).ShouldContain("ValidateClawkerCredentials");
        TaskSummary(combined).ShouldNotContain("EnsureClawkerGlobalsVolume");
    }

    [Theory]
    [InlineData("blank", true, "")]            // a credential failure fails the run although the engine answered
    [InlineData("blank", false, "")]           // ... and is the only error when the engine is missing too
    [InlineData("good", false, "")]            // an engine failure fails the run although the login passed
    [InlineData("missing", false, "")]         // a missing login (warning) and a missing engine (error), both said
    [InlineData("missing", false, "Warning")]  // both tolerated: warnings, and the run goes on
    public async Task Failures_have_the_codes_and_outcome_of_the_two_targets(string login, bool engine, string unreachablePolicy)
    {
        Integration.Require(!engine || DockerHost is { Length: > 0 }, "DOCKER_HOST is not set: eval \"$(build/services/dockerd.sh start)\" first");
        if (login != "missing")
        {
            Login.Write(login == "blank" ? "  " : ClaudeLogin.Json(ClaudeLogin.NewAccessToken()));
        }

        var app = await ConsumerAsync();
        var env = Env(engine ? DockerHost : "unix:///nonexistent/docker.sock");
        string[] policy = unreachablePolicy.Length > 0 ? [$"-p:ClawkerEngineUnreachable={unreachablePolicy}"] : [];

        var separate = await app.BuildAsync(env, [Separate, "-v:m", "-clp:NoSummary", .. policy]);
        var combined = await app.BuildAsync(env, [Combined, "--no-restore", "-v:m", "-clp:NoSummary", .. policy]);
        var run = await app.DotNetAsync(env, ["run", .. policy]);

        var expectSuccess = unreachablePolicy == "Warning";
        foreach (var result in new[] { separate, combined, run })
        {
            (result.ExitCode == 0).ShouldBe(expectSuccess, result.ToString());
            result.All.Contains("Hello, World!", StringComparison.Ordinal).ShouldBe(expectSuccess && result == run, result.ToString());
            result.All.ShouldNotContain("MSB4018", Case.Sensitive, "a coded error, not MSBuild's 'task failed unexpectedly'");
            result.All.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
        }

        var codes = CodeList(separate);
        codes.ShouldNotBeEmpty();
        CodeList(combined).ShouldBe(codes, combined.ToString());
        CodeList(run).Distinct().ShouldBe(codes.Distinct(), run.ToString());
        codes.Any(c => c.StartsWith("error CLAWKER100", StringComparison.Ordinal)).ShouldBe(login == "blank");
        codes.Contains("error CLAWKER2001").ShouldBe(login != "blank" && !expectSuccess);
        codes.Contains("warning CLAWKER1001").ShouldBe(login == "missing");
    }

    [Theory]
    [InlineData("good", true)]
    [InlineData("blank", true)]
    [InlineData("missing", true)]
    [InlineData("good", false)]
    public async Task The_run_step_in_the_native_task_host_does_what_it_does_in_MSBuild(string login, bool engine)
    {
        Integration.Require(DockerHost is { Length: > 0 }, "DOCKER_HOST is not set: eval \"$(build/services/dockerd.sh start)\" first");
        if (login != "missing")
        {
            Login.Write(login == "blank" ? "  " : ClaudeLogin.Json(ClaudeLogin.NewAccessToken()));
        }

        var app = await ConsumerAsync();
        var env = Env(engine ? DockerHost : "unix:///nonexistent/docker.sock");
        // The volume exists before both runs, so each says the same of it (the consumers keep no login record).
        (await app.BuildAsync(Env(DockerHost), "-t:ClawkerEnsureGlobalsVolume")).ShouldSucceed();

        var inMSBuild = await app.BuildAsync(env, [Combined, "--no-restore", "-v:d", "-p:ClawkerNativeTaskHost=false"]);
        var inHost = await app.BuildAsync(env, [Combined, "--no-restore", "-v:d"]);

        inHost.Output.ShouldContain("Clawker: ValidateClawkerCredentials ran in the native task host " + feed.PackagesDirectory, Case.Sensitive, inHost.ToString());
        inHost.Output.ShouldNotContain("runs in MSBuild");
        inMSBuild.Output.ShouldNotContain("native task host");
        inHost.ExitCode.ShouldBe(inMSBuild.ExitCode, inHost.ToString());
        (inHost.ExitCode == 0).ShouldBe(login != "blank" && engine, inHost.ToString());
        Lines(inHost).ShouldBe(Lines(inMSBuild));
        Lines(inHost).ShouldNotBeEmpty();
        CodeList(inHost).ShouldBe(CodeList(inMSBuild));
    }

    [Fact]
    public async Task Ctrl_C_during_the_run_step_stops_it_at_once_with_CLAWKER5004_and_leaves_no_process()
    {
        Login.Write(ClaudeLogin.Json(ClaudeLogin.NewAccessToken()));
        var app = await ConsumerAsync();
        using var dir = new TempDirectory("clk-");
        var socketPath = Path.Combine(dir.Path, "e.sock");
        var marker = Path.Combine(dir.Path, "connected");
        using var silent = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        silent.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
        silent.Listen(16);
        // Accepts and never answers; the marker says the run step is connecting, so the interrupt lands mid-check.
        var accepting = Task.Run(async () =>
        {
            using var first = await silent.AcceptAsync(TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(marker, "1", TestContext.Current.CancellationToken);
            using var second = await silent.AcceptAsync(TestContext.Current.CancellationToken);
            await Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);
        var env = Env("unix://" + socketPath);
        (await app.BuildAsync(env)).ShouldSucceed();
        foreach (var (key, value) in feed.ProcessEnvironment())
        {
            env[key] = value;
        }

        // Job control (set -m): the background dotnet gets SIGINT as a terminal's Ctrl+C would send it.
        // env --default-signal: a test run started in the background (SIGINT ignored, which bash
        // and .NET keep for their children) must not make the dotnet under test ignore the key.
        var script = $$"""
            set -m
            seconds=120 # spelled so that this script's own command line does not match the pgrep below
            env --default-signal=INT dotnet run --no-build -p:ClawkerConnectTimeout=${seconds}000 &
            pid=$!
            for _ in $(seq 1 1200); do [ -e '{{marker}}' ] && break; sleep 0.1; done
            sleep 0.5
            start=$(date +%s%N)
            kill -INT -- "-$pid" # the job's whole group, as a terminal's Ctrl+C: dotnet and the native task host
            wait "$pid"; rc=$?
            echo "exit=$rc after=$(( ($(date +%s%N) - start) / 1000000 ))"
            echo "left=$(pgrep -fc -- 'ClawkerConnectTimeout=12000[0]' || true)"
            # The native task host sees its stdin end with the build and cancels its work: none is left
            # ([n]: the pattern does not match this script's own command line).
            host='{{feed.PackagesDirectory}}/clawker.msbuild/.*/[n]ative/linux-x64/clawker-taskhost'
            for _ in $(seq 1 100); do pgrep -f -- "$host" >/dev/null || break; sleep 0.1; done
            echo "hosts=$(pgrep -fc -- "$host" || true)"
            """;
        var run = await ProcessRunner.RunAsync("bash", ["-c", script], app.Directory, env, TimeSpan.FromMinutes(4));

        File.Exists(marker).ShouldBeTrue(run.ToString());
        run.Output.ShouldNotContain("exit=0");
        // Nothing in the dotnet CLI keeps SIGINT during the run step, so its default action ends the
        // process (exit 130) while the task's error is being logged: CLAWKER5004 is printed only when
        // the host survives the key (it cancels SIGINT itself); the handler never keeps the key from it.
        var exit = Regex.Match(run.Output, @"exit=(\d+)").Groups[1].Value;
        if (exit != "130")
        {
            run.Output.ShouldContain("error CLAWKER5004", Case.Sensitive, $"exit {exit}, not 130 (the default action of SIGINT): the task must have said why it stopped.\n{run}");
        }

        var after = int.Parse(Regex.Match(run.Output, @"after=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        after.ShouldBeLessThan(20_000, "the step ends on Ctrl+C, not after its 120 s connect timeout");
        run.Output.ShouldContain("left=0");
        run.Output.ShouldContain("hosts=0");
        run.All.ShouldNotContain("Hello, World!");
        run.All.ShouldNotContain("MSB4181", Case.Sensitive, "an interrupted task says so with a code");
        run.All.ShouldNotContain("MSB4018", Case.Sensitive);
        run.All.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
        accepting.IsFaulted.ShouldBeFalse();
    }

    private Dictionary<string, string?> Env(string? dockerHost)
    {
        var env = Login.Environment();
        env["DOCKER_HOST"] = dockerHost;
        return env;
    }

    /// <summary>A consumer of its own, with a target that shows the steps' output properties.</summary>
    private async Task<Consumer> ConsumerAsync()
    {
        var app = await feed.SharedConsumerAsync("PrepareApp");
        var project = Path.Combine(app.Directory, app.Name + ".csproj");
        var text = await File.ReadAllTextAsync(project);
        if (!text.Contains("ShowClawkerOutputs", StringComparison.Ordinal))
        {
            await File.WriteAllTextAsync(project, text.Replace("</Project>", """
                  <Target Name="ShowClawkerOutputs">
                    <Message Importance="high" Text="OUTPUTS source=$(ClawkerCredentialSource) volume=$(ClawkerGlobalsVolumeName)" />
                  </Target>
                </Project>
                """, StringComparison.Ordinal));
        }

        return app;
    }

    private static List<string> Lines(ProcessResult result) => [.. StepLines().Matches(result.Output).Select(m => m.Groups[1].Value.Trim())];

    private static List<string> CodeList(ProcessResult result) => [.. Codes().Matches(result.All).Select(m => m.Value)];

    private static string TaskSummary(ProcessResult result) =>
        result.Output[result.Output.IndexOf("Task Performance Summary", StringComparison.Ordinal)..];
}
