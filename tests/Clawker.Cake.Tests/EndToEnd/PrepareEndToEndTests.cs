namespace Clawker.Cake.Tests.EndToEnd;

/// <summary>
/// The three aliases as a CI build uses them: a build.cake that loads Clawker.Cake with #addin from
/// a freshly packed feed, run by the real Cake runner against the private dockerd (DOCKER_HOST) with
/// crafted credentials (CLAUDE_CONFIG_DIR, keyring off). Results are checked independently: the
/// files on disk, and the volume through the docker CLI.
/// </summary>
public sealed class PrepareEndToEndTests(AddinFeed feed) : LoggedInCakeTest
{
    [Fact]
    public async Task Prepare_bundles_validates_and_ensures_the_globals_volume()
    {
        TestEngine.RequireWithCli();
        Login.Write(ClaudeLogin.Json(Token, DateTimeOffset.UtcNow.AddHours(3)));
        using var script = await CakeScript.CreateAsync(feed, """
            Task("Prepare").Does(() =>
            {
                var bundle = ClawkerBundleImage(new ClawkerBundleSettings { Project = "E2E-App", Minimal = true });
                Information("bundle tag={0} hash={1} context={2}", bundle.Tag, bundle.ContentHash, bundle.ContextDirectory);

                var login = ClawkerValidateCredentials(new ClawkerCredentialSettings { NotFound = ClawkerPolicy.Error });
                Information("login found={0} source={1} subscription={2} expires={3:O}", login.Found, login.Source, login.SubscriptionType, login.ExpiresAt);

                var first = ClawkerEnsureGlobalsVolume();
                var second = ClawkerEnsureGlobalsVolume();
                Information("volume first={0} second={1} name={2}", first.Outcome, second.Outcome, second.Name);
            });
            RunTarget("Prepare");
            """);

        var run = await script.RunAsync(Environment());

        run.ExitCode.ShouldBe(0, run.ToString());
        run.All.ShouldNotContain(Token);

        // Bundle: the files are where the result says, and the manifest agrees on the tag.
        var manifestPath = Path.Combine(script.Directory, "artifacts", "agent-image", "manifest.json");
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath, TestContext.Current.CancellationToken));
        var tag = manifest.RootElement.GetProperty("tag").GetString()!;
        tag.ShouldStartWith("clawker-e2e-app:sha-");
        run.Output.ShouldContain($"bundle tag={tag} hash={manifest.RootElement.GetProperty("contentHash").GetString()}", customMessage: run.ToString());
        File.Exists(Path.Combine(script.Directory, "artifacts", "agent-image", "context.tar")).ShouldBeTrue();
        File.Exists(Path.Combine(script.Directory, "artifacts", "agent-image", "context", "entrypoint.sh")).ShouldBeTrue();

        // Credentials: found in the crafted file.
        run.Output.ShouldContain($"login found=True source=file {Login.CredentialsFile} subscription=max", customMessage: run.ToString());

        // Volume: created or (another test got there first) already there, then surely there, with clawker's labels.
        run.Output.ShouldMatch(@"volume first=(Created|AlreadyExisted) second=AlreadyExisted name=clawker-globals");
        var inspect = await TestEngine.CliAsync("volume", "inspect", "--format", "{{json .Labels}}", "clawker-globals");
        inspect.ExitCode.ShouldBe(0, inspect.ToString());
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(inspect.Output)!;
        labels["com.clawker.managed"].ShouldBe("true");
        labels["com.clawker.purpose"].ShouldBe("globals");
    }
}
