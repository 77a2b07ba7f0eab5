using System.Runtime.Versioning;
using Clawker.Tests.Infrastructure;

namespace Clawker.Tests.Bundling;

/// <summary>
/// Two agents starting at the same moment on one globals volume, each with its own local
/// login: whichever publishes first, the volume holds one complete file, both agents link to
/// it, and the other agent's login survives as a backup. Repeated to catch the interleavings.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointRaceTests
{
    private const int Rounds = 40;

    [Fact]
    public async Task Two_agents_migrating_at_once_never_leave_a_partial_file_or_lose_a_login()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var first = new EntrypointSandbox();
            using var second = new EntrypointSandbox(sharedGlobals: first.Globals);
            // Large enough that a copy is not one write, so a torn file would show.
            var logins = new[] { Login('A'), Login('B') };
            File.WriteAllText(first.LocalCredentials, logins[0]);
            File.WriteAllText(second.LocalCredentials, logins[1]);
            var go = Path.Combine(first.Root, "go");
            // Both wait on the same file, then start the entrypoint together.
            string[] wrapper = ["/bin/bash", "-c", $"while [ ! -e '{go}' ]; do :; done; exec \"$@\"", "wait"];

            var runs = new[] { first, second }.Select(b => b.RunWithAsync(wrapper, "/bin/bash", ["true"])).ToArray();
            await File.WriteAllTextAsync(go, "", TestContext.Current.CancellationToken);
            var results = await Task.WhenAll(runs);

            foreach (var result in results)
            {
                result.ExitCode.ShouldBe(0, result.ToString());
            }

            var published = File.ReadAllText(first.GlobalCredentials);
            published.ShouldBeOneOf(logins);
            Directory.GetFiles(first.Globals).ShouldBe([first.GlobalCredentials], $"round {round}: a temporary file was left");
            foreach (var (box, login) in new[] { (first, logins[0]), (second, logins[1]) })
            {
                new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(first.GlobalCredentials);
                var backups = Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*");
                if (login == published)
                {
                    backups.ShouldBeEmpty($"round {round}: the winner needs no backup");
                }
                else
                {
                    File.ReadAllText(backups.ShouldHaveSingleItem()).ShouldBe(login, $"round {round}: the loser's login was lost");
                }
            }
        }
    }

    private static string Login(char fill) =>
        "{\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat01-" + new string(fill, 300_000) + "\"}}";
}
