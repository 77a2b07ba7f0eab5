namespace Clawker.Tests.Bundling;

/// <summary>
/// Agents starting at the same moment on one globals volume, each with its own local login:
/// whichever publishes first, the volume holds one complete file, all agents link to it, and
/// every other agent's login survives as a backup. Repeated to catch the interleavings; as
/// PID 1 in the same second, where neither $$ nor a timestamp makes a name unique.
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

    [Fact]
    public async Task Restarts_as_pid_1_within_one_second_never_overwrite_a_backup()
    {
        using var box = new EntrypointSandbox();
        var wrapper = EntrypointPidNamespace.Require();
        EntrypointPidNamespace.FreezeDate(box);
        File.WriteAllText(box.GlobalCredentials, Login('G', 100));
        var logins = new[] { Login('1', 100), Login('2', 100), Login('3', 100) };

        foreach (var login in logins)
        {
            // Something wrote a fresh local login in place of the link (a rename over it, say).
            File.Delete(box.LocalCredentials);
            File.WriteAllText(box.LocalCredentials, login);

            var run = await box.RunWithAsync(wrapper, "/bin/bash", EntrypointPidNamespace.PrintPid);

            run.ExitCode.ShouldBe(0, run.ToString());
            run.CommandStdout.ShouldBe("pid=1\n", "the entrypoint must really run as PID 1");
            new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        }

        var backups = Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*");
        backups.ShouldAllBe(b => Path.GetFileName(b).StartsWith(".credentials.json.backup-20250102T030405Z", StringComparison.Ordinal));
        backups.Select(File.ReadAllText).Order(StringComparer.Ordinal).ToArray().ShouldBe(logins, "every login of the same second is kept");
        File.ReadAllText(box.GlobalCredentials).ShouldBe(Login('G', 100));
    }

    [Fact]
    public async Task Three_agents_as_pid_1_starting_in_one_second_keep_every_login()
    {
        const int rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            var boxes = new List<EntrypointSandbox> { new() };
            boxes.Add(new EntrypointSandbox(sharedGlobals: boxes[0].Globals));
            boxes.Add(new EntrypointSandbox(sharedGlobals: boxes[0].Globals));
            try
            {
                var go = Path.Combine(boxes[0].Root, "go");
                // Each agent waits, as PID 1 in its own namespace, for the same file, then starts.
                var wrapper = EntrypointPidNamespace.Require($"while [ ! -e '{go}' ]; do :; done");
                var logins = new[] { Login('A'), Login('B'), Login('C') };
                for (var i = 0; i < boxes.Count; i++)
                {
                    EntrypointPidNamespace.FreezeDate(boxes[i]);
                    File.WriteAllText(boxes[i].LocalCredentials, logins[i]);
                }

                var runs = boxes.Select(b => b.RunWithAsync(wrapper, "/bin/bash", EntrypointPidNamespace.PrintPid)).ToArray();
                await File.WriteAllTextAsync(go, "", TestContext.Current.CancellationToken);
                var results = await Task.WhenAll(runs);

                foreach (var result in results)
                {
                    result.ExitCode.ShouldBe(0, result.ToString());
                    result.CommandStdout.ShouldBe("pid=1\n", "every agent must really run as PID 1");
                    result.StrayLines.ShouldBeEmpty(result.ToString());
                }

                var globals = boxes[0].Globals;
                var published = File.ReadAllText(boxes[0].GlobalCredentials);
                published.ShouldBeOneOf(logins);
                Directory.GetFiles(globals).ShouldBe([boxes[0].GlobalCredentials], $"round {round}: a temporary file was left");
                for (var i = 0; i < boxes.Count; i++)
                {
                    new FileInfo(boxes[i].LocalCredentials).LinkTarget.ShouldBe(boxes[0].GlobalCredentials);
                    var kept = Directory.GetFiles(boxes[i].ClaudeDir, ".credentials.json.backup-*").Select(File.ReadAllText).ToArray();
                    kept.ShouldBe(logins[i] == published ? [] : [logins[i]], $"round {round}: agent {i}'s login must be published or kept, once");
                }
            }
            finally
            {
                boxes.ForEach(b => b.Dispose());
            }
        }
    }

    private static string Login(char fill, int length = 300_000) =>
        "{\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat01-" + new string(fill, length) + "\"}}";
}
