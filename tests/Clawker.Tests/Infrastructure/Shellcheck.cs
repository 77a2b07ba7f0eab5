namespace Clawker.Tests.Infrastructure;

/// <summary>shellcheck at style severity, as bash: the one way the shell tests run it.</summary>
internal static class Shellcheck
{
    /// <summary>Skips (fails in CI) without shellcheck; otherwise fails the test on any finding in <paramref name="script"/>.</summary>
    /// <param name="script">The script, absolute or relative to <paramref name="workingDirectory"/>.</param>
    /// <param name="workingDirectory">Where shellcheck runs (and resolves <c>source</c> with <c>-x</c> from).</param>
    /// <param name="followSources">Whether to follow <c>source</c>d files (<c>-x</c>).</param>
    public static async Task ShouldPassAsync(string script, string workingDirectory, bool followSources = false)
    {
        var shellcheck = new[] { "/usr/bin/shellcheck", "/usr/local/bin/shellcheck" }.FirstOrDefault(File.Exists);
        Integration.Require(shellcheck is not null, "shellcheck is not installed (apt-get install shellcheck)");
        string[] arguments = followSources ? ["--shell=bash", "--severity=style", "-x", script] : ["--shell=bash", "--severity=style", script];
        var run = await ProcessRunner.RunAsync(shellcheck!, arguments, workingDirectory);
        run.ExitCode.ShouldBe(0, run.ToString());
    }
}
