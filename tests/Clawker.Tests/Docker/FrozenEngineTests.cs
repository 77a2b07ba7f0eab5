using System.Formats.Tar;
using System.Security.Cryptography;

namespace Clawker.Tests.Docker;

/// <summary>
/// The real private engine (dockerd or podman) frozen with SIGSTOP in the middle of a call: every
/// call ends with CLAWKER2001 within its bound, and once the engine is thawed the next call works.
/// Alone in its collection: a frozen engine would stall every other test sharing it.
/// </summary>
[Collection(FrozenEngineGroup.Name)]
public sealed class FrozenEngineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TimeBound = Timeout + TimeSpan.FromSeconds(10);

    private readonly string _dir = Directory.CreateTempSubdirectory("clk-frozen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task Frozen_during_a_volume_ensure_is_CLAWKER2001_in_bound_and_the_next_call_works()
    {
        var pid = EnginePid();
        var ct = TestContext.Current.CancellationToken;
        var freeze = new FreezeOn("/volumes/", pid);
        using var engine = await DockerEngine.ConnectAsync(Options() with { WrapHandler = freeze.Wrap }, ct);
        var purpose = TestEngine.NewPurpose();
        try
        {
            var clock = Stopwatch.StartNew();
            var ex = await Should.ThrowAsync<DockerEngineException>(() => ClawkerVolumes.EnsureAsync(engine, purpose, ct)).OfKind(DockerEngineErrorKind.Unreachable);
            clock.Elapsed.ShouldBeLessThan(TimeBound);
            ex.Message.ShouldContain(engine.Endpoint.ToString());
            freeze.Frozen.ShouldBeTrue();
            TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds:0.00} s: {ex.Message}");
        }
        finally
        {
            freeze.Thaw();
        }

        (await ClawkerVolumes.EnsureAsync(engine, purpose, ct)).Name.ShouldBe(ClawkerNames.Volume(purpose));
        await TestEngine.RemoveVolumeAsync(engine, ClawkerNames.Volume(purpose));
    }

    [Fact(Timeout = 180_000)]
    public async Task Frozen_while_the_build_context_uploads_is_CLAWKER2001_in_bound()
    {
        var pid = EnginePid();
        var ct = TestContext.Current.CancellationToken;
        // Larger than any socket buffer: the upload itself must block on the frozen engine.
        var (tar, tag, hash) = ContextTar("FROM scratch\nCOPY blob /blob\n", blobBytes: 64 * 1024 * 1024);
        var freeze = new FreezeOn("/build", pid);
        using var engine = await DockerEngine.ConnectAsync(Options() with { WrapHandler = freeze.Wrap }, ct);
        try
        {
            var clock = Stopwatch.StartNew();
            var ex = await Should.ThrowAsync<DockerEngineException>(() =>
                AgentImageBuilder.BuildAsync(engine, tar, tag, hash, new ImageBuildOptions { Force = true }, cancellationToken: ct)).OfKind(DockerEngineErrorKind.Unreachable);
            clock.Elapsed.ShouldBeLessThan(TimeBound);
            ex.Message.ShouldContain("POST /build");
            freeze.Frozen.ShouldBeTrue();
            TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds:0.00} s: {ex.Message}");
        }
        finally
        {
            freeze.Thaw();
        }

        (await engine.InvokeAsync(async (c, t) => { await c.System.PingAsync(t); return true; }, ct)).ShouldBeTrue();
    }

    [Fact(Timeout = 120_000)]
    public async Task Frozen_between_build_messages_waits_as_a_quiet_step_would_and_ends_promptly_when_cancelled()
    {
        var pid = EnginePid();
        // dockerd and podman alike announce step 1 before they run the COPY and commit the layer, so
        // the freeze lands between messages on both (podman's "STEP 1/2:" matches "Step " too).
        var (tar, tag, hash) = ContextTar("FROM scratch\nCOPY blob /blob\n", blobBytes: 1024);
        var freeze = new FreezeOn("/nothing", pid);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // A build has no overall timeout (a step may be silent for long): the caller's token ends it.
        var progress = new Freezing(freeze, cancel);
        using var engine = await DockerEngine.ConnectAsync(Options(), cancel.Token);
        try
        {
            await Should.ThrowAsync<OperationCanceledException>(() =>
                // The classic builder: this test's PAX tar is one dockerd 20.10's BuildKit cannot read.
                AgentImageBuilder.BuildAsync(engine, tar, tag, hash, new ImageBuildOptions { Force = true, Builder = ImageBuilderKind.Classic }, progress, cancel.Token));
        }
        finally
        {
            freeze.Thaw();
        }

        freeze.Frozen.ShouldBeFalse();
        progress.FrozenAt.ShouldNotBeNull();
        Stopwatch.GetElapsedTime(progress.FrozenAt.Value).ShouldBeLessThan(TimeSpan.FromSeconds(2) + TimeBound);
    }

    /// <summary>Freezes the engine at the first build step it announces, and cancels the build 2 s later.</summary>
    private sealed class Freezing(FreezeOn freeze, CancellationTokenSource cancel) : IProgress<string>
    {
        public long? FrozenAt { get; private set; }

        public void Report(string value)
        {
            // "Step 1/2 : FROM ..." (dockerd), "STEP 1/2: FROM ..." (podman).
            if (FrozenAt is null && value.StartsWith("Step ", StringComparison.OrdinalIgnoreCase))
            {
                FrozenAt = Stopwatch.GetTimestamp();
                freeze.FreezeNow();
                cancel.CancelAfter(TimeSpan.FromSeconds(2));
            }
        }
    }

    private static DockerEndpointOptions Options() => TestEngine.Options with { ConnectTimeout = Timeout, RequestTimeout = Timeout };

    // The engine the service script started: its API process, to freeze.
    private static int EnginePid()
    {
        TestEngine.Require();
        string? file = null;
        foreach (var (variable, name) in new[] { ("CLAWKER_DOCKERD_DIR", "dockerd.main.pid"), ("CLAWKER_PODMAN_DIR", "podman.main.pid") })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } dir && TestEngine.Host!.Contains(dir, StringComparison.Ordinal))
            {
                file = Path.Combine(dir, name);
            }
        }

        Integration.Require(file is not null && File.Exists(file), "the engine was not started by build/services/dockerd.sh or podman.sh (no pid to freeze)");
        return int.Parse(File.ReadAllText(file!).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private (string Tar, string Tag, string Hash) ContextTar(string dockerfile, int blobBytes)
    {
        var tar = Path.Combine(_dir, "context.tar");
        var blob = Path.Combine(_dir, "blob");
        File.WriteAllBytes(blob, RandomNumberGenerator.GetBytes(blobBytes));
        var dockerfilePath = Path.Combine(_dir, "Dockerfile");
        File.WriteAllText(dockerfilePath, dockerfile);
        using (var stream = File.Create(tar))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            writer.WriteEntry(dockerfilePath, "Dockerfile");
            writer.WriteEntry(blob, "blob");
        }

        var hash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (tar, $"clawker-{TestEngine.UniqueName("frozen")}:sha-{hash[..12]}", hash);
    }

    /// <summary>Freezes the engine (SIGSTOP) as the first request to <c>path</c> leaves (once); <see cref="Thaw"/> resumes it.</summary>
    private sealed class FreezeOn(string path, int pid)
    {
        private readonly string _path = path;
        private int _frozen;
        private int _armed = 1;

        public bool Frozen => Volatile.Read(ref _frozen) == 1;

        public HttpMessageHandler Wrap(HttpMessageHandler inner) => new Handler(this) { InnerHandler = inner };

        public void FreezeNow()
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Volatile.Write(ref _frozen, 1);
                Signal("STOP");
            }
        }

        public void Thaw()
        {
            if (Interlocked.Exchange(ref _frozen, 0) == 1)
            {
                Signal("CONT");
            }
        }

        private void Signal(string signal) => Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

        private sealed class Handler(FreezeOn owner) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.RequestUri?.AbsolutePath.Contains(owner._path, StringComparison.Ordinal) == true)
                {
                    owner.FreezeNow();
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}

/// <summary>Runs <see cref="FrozenEngineTests"/> alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FrozenEngineGroup
{
    public const string Name = "Frozen engine";
}
