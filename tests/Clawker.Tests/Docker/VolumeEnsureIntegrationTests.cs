using Docker.DotNet.Models;

namespace Clawker.Tests.Docker;

/// <summary>Ensure against the real private dockerd; each test has its own volume name.</summary>
public class VolumeEnsureIntegrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creates_a_missing_volume_with_clawkers_labels_then_finds_it()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: Ct);
        await using var volume = TestVolume.Reserve(engine);

        var first = await ClawkerVolumes.EnsureAsync(engine, volume.Purpose, Ct);
        first.Outcome.ShouldBe(VolumeEnsureOutcome.Created);
        first.Name.ShouldBe(volume.Name);
        first.Endpoint.ShouldBe(engine.Endpoint);

        var inspected = await engine.Client.Volumes.InspectAsync(volume.Name, Ct);
        inspected.Labels.ShouldBe(ClawkerLabels.ForVolume(volume.Purpose), ignoreOrder: true);

        var second = await ClawkerVolumes.EnsureAsync(engine, volume.Purpose, Ct);
        second.Outcome.ShouldBe(VolumeEnsureOutcome.AlreadyExisted);
    }

    [Fact]
    public async Task The_real_clawker_globals_volume()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: Ct);
        var result = await GlobalsVolume.EnsureAsync(engine, Ct);
        result.Name.ShouldBe("clawker-globals");
        (await GlobalsVolume.EnsureAsync(engine, Ct)).Outcome.ShouldBe(VolumeEnsureOutcome.AlreadyExisted);
        var volume = await engine.Client.Volumes.InspectAsync("clawker-globals", Ct);
        volume.Labels.ShouldBe(GlobalsVolume.Labels, ignoreOrder: true);
    }

    [Fact]
    public async Task Eight_concurrent_ensures_of_a_fresh_volume_all_succeed_with_one_volume()
    {
        using var probe = await TestEngine.ConnectAsync(cancellationToken: Ct);
        await using var volume = TestVolume.Reserve(probe);
        // Eight engines (eight connections), as eight processes would have.
        var engines = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TestEngine.ConnectAsync(cancellationToken: Ct)));
        try
        {
            using var start = new ManualResetEventSlim();
            var ensures = engines.Select(e => Task.Run(async () => { start.Wait(Ct); return await ClawkerVolumes.EnsureAsync(e, volume.Purpose, Ct); })).ToArray();
            start.Set();
            var results = await Task.WhenAll(ensures);

            results.ShouldAllBe(r => r.Name == volume.Name);
            results.ShouldContain(r => r.Outcome == VolumeEnsureOutcome.Created);
            var listed = await probe.Client.Volumes.ListAsync(new VolumesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ClawkerLabels.Purpose}={volume.Purpose}"] = true } },
            }, Ct);
            listed.Volumes.Select(v => v.Name).ShouldBe([volume.Name]);
        }
        finally
        {
            foreach (var e in engines)
            {
                e.Dispose();
            }
        }
    }

    [Fact]
    public async Task An_unlabeled_volume_of_that_name_is_a_conflict_and_is_not_adopted()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: Ct);
        await using var volume = await TestVolume.PrecreateAsync(engine, labels: null, Ct);

        var ex = await Should.ThrowAsync<DockerEngineException>(() => ClawkerVolumes.EnsureAsync(engine, volume.Purpose, Ct)).OfKind(DockerEngineErrorKind.VolumeLabelConflict);
        ex.Code.ShouldBe("CLAWKER2002");
        ex.FoundLabels.ShouldBeEmpty();
        ex.Message.ShouldContain("(none)");
        ex.Message.ShouldContain($"docker volume rm {volume.Name}");
        ex.Message.ShouldContain(engine.Endpoint.ToString());

        // Docker reports no labels as null, podman as {}.
        ((await engine.Client.Volumes.InspectAsync(volume.Name, Ct)).Labels ?? new Dictionary<string, string>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_volume_of_another_purpose_under_that_name_is_a_conflict()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: Ct);
        await using var volume = await TestVolume.PrecreateAsync(
            engine, new Dictionary<string, string> { [ClawkerLabels.Managed] = "true", [ClawkerLabels.Purpose] = "something-else" }, Ct);

        var ex = await Should.ThrowAsync<DockerEngineException>(() => ClawkerVolumes.EnsureAsync(engine, volume.Purpose, Ct)).OfKind(DockerEngineErrorKind.VolumeLabelConflict);
        ex.Message.ShouldContain("com.clawker.purpose=something-else");
    }

    [Fact]
    public async Task Right_labels_plus_extra_ones_are_accepted()
    {
        using var engine = await TestEngine.ConnectAsync(cancellationToken: Ct);
        var purpose = TestEngine.NewPurpose();
        var labels = new Dictionary<string, string>(ClawkerLabels.ForVolume(purpose)) { ["com.example.backup"] = "nightly" };
        await using var volume = new TestVolume(engine, purpose);
        await engine.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume.Name, Labels = labels }, Ct);

        (await ClawkerVolumes.EnsureAsync(engine, purpose, Ct)).Outcome.ShouldBe(VolumeEnsureOutcome.AlreadyExisted);
        (await engine.Client.Volumes.InspectAsync(volume.Name, Ct)).Labels.ShouldBe(labels, ignoreOrder: true);
    }

    [Fact]
    public async Task Warm_ensure_of_an_existing_volume_is_exactly_one_request()
    {
        var counter = new RequestCounter();
        using var engine = await TestEngine.ConnectAsync(counter, Ct);
        await using var volume = TestVolume.Reserve(engine);
        await ClawkerVolumes.EnsureAsync(engine, volume.Purpose, Ct);
        counter.Reset();

        await ClawkerVolumes.EnsureAsync(engine, volume.Purpose, Ct);

        counter.Requests.ShouldHaveSingleItem().ShouldBe($"GET /volumes/{volume.Name}");
    }
}
