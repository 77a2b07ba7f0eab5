using Clawker.Keyring;

namespace Clawker.Tests.Keyring;

/// <summary>When set, the helper's command must resolve (an executable path, a builtin, or a first word on PATH): else CLAWKER1012, never quoting it.</summary>
public sealed class ApiKeyHelperCommandTests : HelperSandboxTests
{
    private async Task<string> SourceFor(string command, params (string Name, string Value)[] variables)
    {
        HelperSandbox.SetHelper(Box.ProjectFile, command);
        return (await ClaudeCodeCredentials.CheckAsync(Box.Options(variables: variables), Ct)).Source;
    }

    private async Task<CredentialException> UnresolvedAsync(string command, string reason)
    {
        HelperSandbox.SetHelper(Box.ProjectFile, command);
        var error = await Should.ThrowAsync<CredentialException>(() => ClaudeCodeCredentials.CheckAsync(Box.Options(), Ct)).OfKind(CredentialErrorKind.HelperNotFound);
        error.Code.ShouldBe("CLAWKER1012");
        error.Message.ShouldContain(Box.ProjectFile);
        error.Message.ShouldContain(reason);
        error.ToString().ShouldNotContain(HelperSandbox.Secret);
        return error;
    }

    [Fact]
    public async Task An_absolute_path_to_an_executable_resolves_to_it()
    {
        var script = Box.Script("get-key", "echo key");
        (await SourceFor($"{script} --profile ci")).ShouldContain($"command: {script};");
    }

    [Fact]
    public async Task A_relative_path_resolves_from_the_project_folder_where_Claude_Code_runs_it()
    {
        var script = Box.Script("get-key", "echo key");
        File.Move(script, Path.Combine(Box.Project, "get-key"));
        (await SourceFor("./get-key")).ShouldContain($"command: {Path.Combine(Box.Project, "get-key")};");
    }

    [Fact]
    public async Task A_bare_word_is_looked_up_on_PATH()
    {
        var script = Box.Script("vault-key", "echo key");
        (await SourceFor("vault-key read secret/claude")).ShouldContain($"command: {script};");
    }

    [Theory]
    [InlineData("~/bin/get-key")]
    [InlineData("$HOME/bin/get-key")]
    [InlineData("${HOME}/bin/get-key")]
    [InlineData("'~'/../home/bin/get-key")]
    [InlineData("TOKEN_SCOPE=ci \"$HOME/bin/get-key\" --x")]
    public async Task Tilde_variables_quotes_and_assignments_are_read_as_the_shell_reads_them(string command)
    {
        Directory.CreateDirectory(Path.Combine(Box.Home, "bin"));
        var script = Box.Script("get-key", "echo key");
        var inHome = Path.Combine(Box.Home, "bin", "get-key");
        File.Move(script, inHome);

        if (command.StartsWith('\''))
        {
            // A quoted ~ is not expanded: a relative path from the project folder (project/~/../home/...).
            var literal = Path.Combine(Box.Project, "~");
            Directory.CreateDirectory(literal);
            Directory.CreateDirectory(Path.Combine(Box.Project, "home", "bin"));
            File.Copy(inHome, Path.Combine(Box.Project, "home", "bin", "get-key"));
            (await SourceFor(command)).ShouldContain($"command: {Path.Combine(Box.Project, "home", "bin", "get-key")};");
            return;
        }

        (await SourceFor(command)).ShouldContain($"command: {inHome};");
    }

    [Theory]
    [InlineData("echo " + HelperSandbox.Secret)]
    [InlineData("printf '%s' " + HelperSandbox.Secret)]
    [InlineData("cat ~/.key | tr -d x")]
    public async Task A_builtin_or_common_command_resolves_without_showing_the_command(string command)
    {
        var source = await SourceFor(command);
        source.ShouldNotContain(HelperSandbox.Secret);
        source.ShouldNotContain("~/.key");
    }

    [Fact]
    public async Task Command_substitution_cannot_be_checked_without_running_it_and_says_so()
    {
        (await SourceFor("$(" + HelperSandbox.Secret + ")")).ShouldContain("not checked: its first word is computed by the shell");
    }

    [Fact]
    public async Task A_missing_path_is_CLAWKER1012() =>
        await UnresolvedAsync($"/nonexistent/{HelperSandbox.Secret}", "that does not exist");

    [Fact]
    public async Task A_script_that_is_not_executable_is_CLAWKER1012()
    {
        var script = Box.Script("get-key", "echo key", executable: false);
        (await UnresolvedAsync(script + " " + HelperSandbox.Secret, "not executable")).Message.ShouldContain("chmod +x");
    }

    [Fact]
    public async Task A_folder_is_CLAWKER1012() => await UnresolvedAsync(Box.Bin, "to a folder");

    [Fact]
    public async Task A_first_word_not_on_PATH_is_CLAWKER1012() =>
        await UnresolvedAsync(HelperSandbox.Secret + " --print", "not found on PATH");

    [Fact]
    public async Task A_non_executable_file_of_that_name_on_PATH_does_not_count()
    {
        Box.Script("get-key", "echo key", executable: false);
        await UnresolvedAsync("get-key", "not found on PATH");
    }

    [Fact]
    public async Task A_command_of_white_space_and_separators_only_is_CLAWKER1012() =>
        await UnresolvedAsync(" ; ", "no first word");
}
