using System.Text.RegularExpressions;

namespace Clawker.MSBuild.Tests.EndToEnd;

/// <summary>
/// <c>dotnet build -t:ClawkerPushImage</c> of a consumer of the packed package against the real
/// private registry and dockerd, with the CI path (a user name and the NAME of a variable): the
/// image is built first, pushed with the digest the registry reports, and a known password is in
/// neither the console at diagnostic verbosity nor the binlog, on success or on a refused login.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class PushTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _work = new("clawker-e2e-push-");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task ClawkerPushImage_builds_pushes_reports_the_digest_and_never_logs_the_password()
    {
        OfflineRootFs.RequireWithEngine();
        var registry = TestRegistry.Require();
        var baseImage = await OfflineBaseImage.EnsureAsync(TestContext.Current.CancellationToken);
        var app = await feed.CreateConsumerAsync("PushApp" + Guid.NewGuid().ToString("N")[..6]);
        var project = app.Name.ToLowerInvariant();
        Directory.CreateDirectory(_work.Combine("docker"));
        var env = new Dictionary<string, string?> { ["CLAWKER_E2E_REGISTRY_PW"] = TestRegistry.Password, ["DOCKER_CONFIG"] = _work.Combine("docker") };
        string[] properties =
        [
            "-t:ClawkerPushImage", $"-p:ClawkerRegistry={registry}", $"-p:ClawkerRegistryUsername={TestRegistry.User}",
            "-p:ClawkerRegistryPasswordVariable=CLAWKER_E2E_REGISTRY_PW", "-p:ClawkerImageMinimal=true", $"-p:ClawkerBaseImage={baseImage}", "-v:diag",
        ];

        var pushed = await BuildWithBinlogAsync(app, env, "pushed", properties);
        pushed.Console.ShouldContain("Building ");
        var reference = PushedReference().Match(pushed.Console);
        reference.Success.ShouldBeTrue(pushed.Console[^Math.Min(3000, pushed.Console.Length)..]);
        reference.Groups["repo"].Value.ShouldBe($"{registry}/clawker-{project}");
        var tag = (await TestRegistry.TagsAsync($"clawker-{project}", TestContext.Current.CancellationToken)).Where(t => t.StartsWith("sha-", StringComparison.Ordinal)).ShouldHaveSingleItem();
        (await TestRegistry.DigestAsync($"clawker-{project}", tag, TestContext.Current.CancellationToken)).ShouldBe(reference.Groups["digest"].Value);

        var again = await BuildWithBinlogAsync(app, env, "again", properties);
        again.Console.ShouldContain("push skipped");

        env["CLAWKER_E2E_REGISTRY_PW"] = "wrong-" + TestRegistry.Password;
        var refused = await BuildWithBinlogAsync(app, env, "refused", [.. properties, "-p:ClawkerImageForcePush=true"]);
        refused.Console.ShouldContain("error CLAWKER6001");
        refused.Console.ShouldContain("CLAWKER_E2E_REGISTRY_PW");

        foreach (var text in new[] { pushed.Console, pushed.Replay, again.Console, again.Replay, refused.Console, refused.Replay })
        {
            text.ShouldNotContain(TestRegistry.Password);
            text.ShouldNotContain(TestRegistry.Auth(TestRegistry.User, TestRegistry.Password));
        }
    }

    private async Task<(string Console, string Replay)> BuildWithBinlogAsync(Consumer app, Dictionary<string, string?> env, string name, string[] args)
    {
        var binlog = _work.Combine(name + ".binlog");
        var console = await app.BuildAsync(env, [.. args, $"-bl:{binlog}"]);
        File.Exists(binlog).ShouldBeTrue(console.All);
        var replayLog = _work.Combine(name + ".replay.log");
        (await app.DotNetAsync(null, "msbuild", binlog, "-noconlog", "-fl", $"-flp:logfile={replayLog};verbosity=diagnostic")).ShouldSucceed();
        var replay = await File.ReadAllTextAsync(replayLog);
        replay.ShouldContain("PushClawkerImage", Case.Sensitive, "the replay holds the task");
        return (console.All, replay);
    }

    [GeneratedRegex(@"(?:pushed|push skipped\)): (?<repo>[^\s@]+)@(?<digest>sha256:[0-9a-f]{64})")]
    private static partial Regex PushedReference();
}
