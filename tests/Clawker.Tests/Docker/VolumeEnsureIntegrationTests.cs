using Clawker.Docker;
using Docker.DotNet.Models;

namespace Clawker.Tests.Docker;

/// <summary>Ensure against the real private dockerd; each test has its own volume name.</summary>
public class VolumeEnsureIntegrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creates_a_missing_volume_with_clawkers_labels_then_finds_it()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        var purpose = TestEngine.NewPurpose();
        var name = ClawkerNames.Volume(purpose);
        try
        {
            var first = await ClawkerVolumes.EnsureAsync(engine, purpose, Ct);
            first.Outcome.ShouldBe(VolumeEnsureOutcome.Created);
            first.Name.ShouldBe(name);
            first.Endpoint.ShouldBe(engine.Endpoint);

            var volume = await engine.Client.Volumes.InspectAsync(name, Ct);
            volume.Labels.ShouldBe(ClawkerLabels.ForVolume(purpose), ignoreOrder: true);

            var second = await ClawkerVolumes.EnsureAsync(engine, purpose, Ct);
            second.Outcome.ShouldBe(VolumeEnsureOutcome.AlreadyExisted);
        }
        finally
        {
            await TestEngine.RemoveVolumeAsync(engine, name);
        }
    }

    [Fact]
    public async Task The_real_clawker_globals_volume()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        var result = await GlobalsVolume.EnsureAsync(engine, Ct);
        result.Name.ShouldBe("clawker-globals");
        (await GlobalsVolume.EnsureAsync(engine, Ct)).Outcome.ShouldBe(VolumeEnsureOutcome.AlreadyExisted);
        var volume = await engine.Client.Volumes.InspectAsync("clawker-globals", Ct);
        volume.Labels.ShouldBe(GlobalsVolume.Labels, ignoreOrder: true);
    }

    [Fact]
    public async Task Eight_concurrent_ensures_of_a_fresh_volume_all_succeed_with_one_volume()
    {
        using var probe = await TestEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        var purpose = TestEngine.NewPurpose();
        var name = ClawkerNames.Volume(purpose);
        // Eight engines (eight connections), as eight processes would have.
        var engines = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TestEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken)));
        try
        {
            using var start = new ManualResetEventSlim();
            var ensures = engines.Select(e => Task.Run(async () => { start.Wait(Ct); return await ClawkerVolumes.EnsureAsync(e, purpose, Ct); })).ToArray();
            start.Set();
            var results = await Task.WhenAll(ensures);

            results.ShouldAllBe(r => r.Name == name);
            results.ShouldContain(r => r.Outcome == VolumeEnsureOutcome.Created);
            var listed = await probe.Client.Volumes.ListAsync(new VolumesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ClawkerLabels.Purpose}={purpose}"] = true } },
            }, Ct);
            listed.Volumes.Select(v => v.Name).ShouldBe([name]);
        }
        finally
        {
            foreach (var e in engines)
            {
                e.Dispose();
            }

            await TestEngine.RemoveVolumeAsync(probe, name);
        }
    }

    [Fact]
    public async Task An_unlabeled_volume_of_that_name_is_a_conflict_and_is_not_adopted()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        var purpose = TestEngine.NewPurpose();
        var name = ClawkerNames.Volume(purpose);
        await engine.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name }, Ct);
        try
        {
            var ex = await Should.ThrowAsync<VolumeLabelConflictException>(() => ClawkerVolumes.EnsureAsync(engine, purpose, Ct));
            ex.Code.ShouldBe("CLAWKER2002");
            ex.FoundLabels.ShouldBeEmpty();
            ex.Message.ShouldContain("(none)");
            ex.Message.ShouldContain($"docker volume rm {name}");
            ex.Message.ShouldContain(engine.Endpoint.ToString());

            // Docker reports no labels as null, podman as {}.
            ((await engine.Client.Volumes.InspectAsync(name, Ct)).Labels ?? new Dictionary<string, string>()).ShouldBeEmpty();
        }
        finally
        {
            await TestEngine.RemoveVolumeAsync(engine, name);
        }
    }

    [Fact]
    public async Task A_volume_of_another_purpose_under_that_name_is_a_conflict()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        var purpose = TestEngine.NewPurpose();
        var name = ClawkerNames.Volume(purpose);
        await engine.Client.Volumes.CreateAsync(new VolumesCreateParameters
        {
            Name = name,
            Labels = new Dictionary<string, string> { [ClawkerLabels.Managed] = "true", [ClawkerLabels.Purpose] = "something-else" },
        }, Ct);
        try
        {
            var ex = await Should.ThrowAsync<VolumeLabelConflictException>(() => ClawkerVolumes.EnsureAsync(engine, purpose, Ct));
            ex.Message.ShouldContain("com.clawker.purpose=something-else");
        }
        finally
        {
            await TestEngine.RemoveVolumeAsync(engine, name);
        }
    }

    [Fact]
    public async Task Right_labels_plus_extra_ones_are_accepted()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        var purpose = TestEngine.NewPurpose();
        var name = ClawkerNames.Volume(purpose);
        var labels = new Dictionary<string, string>(ClawkerLabels.ForVolume(purpose)) { ["com.example.backup"] = "nightly" };
        await engine.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = labels }, Ct);
        try
        {
            (await ClawkerVolumes.EnsureAsync(engine, purpose, Ct)).Outcome.ShouldBe(VolumeEnsureOutcome.AlreadyExisted);
            (await engine.Client.Volumes.InspectAsync(name, Ct)).Labels.ShouldBe(labels, ignoreOrder: true);
        }
        finally
        {
            await TestEngine.RemoveVolumeAsync(engine, name);
        }
    }

    [Fact]
    public async Task Warm_ensure_of_an_existing_volume_is_exactly_one_request()
    {
        TestEngine.Require();
        var requests = new List<string>();
        var options = TestEngine.Options with { WrapHandler = inner => new RecordingHandler(inner, requests) };
        using var engine = await DockerEngine.ConnectAsync(options, Ct);
        var purpose = TestEngine.NewPurpose();
        try
        {
            await ClawkerVolumes.EnsureAsync(engine, purpose, Ct);
            lock (requests)
            {
                requests.Clear();
            }

            await ClawkerVolumes.EnsureAsync(engine, purpose, Ct);
            requests.ShouldHaveSingleItem().ShouldBe($"GET /volumes/{ClawkerNames.Volume(purpose)}");
        }
        finally
        {
            await TestEngine.RemoveVolumeAsync(engine, ClawkerNames.Volume(purpose));
        }
    }

    private sealed class RecordingHandler(HttpMessageHandler inner, List<string> requests) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (requests)
            {
                requests.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
