namespace Clawker.Tests.Repository;

/// <summary>
/// ./build.sh colours only a terminal, and honours NO_COLOR there: a log taken with
/// <c>./build.sh --target=Test &gt; log</c> is plain text. <c>--dryrun</c> writes through the same
/// Cake console as the Test target's summary line, in about 3 s, without building or running
/// anything. The rows run one after another (one class, one collection).
/// </summary>
public sealed class BuildScriptColourTests
{
    private const char Escape = '\u001b';

    [Theory]
    [InlineData(false, null, false)]
    [InlineData(true, null, true)]
    [InlineData(true, "1", false)]
    public async Task Build_script_colours_only_a_terminal_without_NO_COLOR(bool terminal, string? noColor, bool coloured)
    {
        Integration.Require(OperatingSystem.IsLinux() && File.Exists("/usr/bin/script"), "a pseudo-terminal needs script(1) from util-linux");
        // Cake goes by TERM: xterm, as a developer's shell has it, is what made a redirected log coloured.
        var command = "./build.sh --target=Test --dryrun";
        var psi = terminal
            ? new ProcessStartInfo("/usr/bin/script", ["-qec", command, "/dev/null"])
            : new ProcessStartInfo("/bin/bash", ["-c", command]);
        psi.WorkingDirectory = RepoRoot.Path;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        psi.Environment["TERM"] = "xterm";
        psi.Environment.Remove("NO_COLOR");
        if (noColor is not null)
        {
            psi.Environment["NO_COLOR"] = noColor;
        }

        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromMinutes(3)); // about 3 s; the bound only says "does not hang"
        await process.WaitForExitAsync(bound.Token);
        var output = await stdout + await stderr;

        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain("Performing dry run", Case.Sensitive, "the run must reach Cake's console");
        // Colour codes (ESC [ ... m), not the keypad and cursor modes a terminal also gets.
        var colours = System.Text.RegularExpressions.Regex.IsMatch(output, Escape + @"\[[0-9;]*m");
        colours.ShouldBe(coloured, output.Replace(Escape, '^'));
    }
}
