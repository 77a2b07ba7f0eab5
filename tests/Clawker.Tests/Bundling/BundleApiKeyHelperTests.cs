using Clawker.Bundling;
using Clawker.Diagnostics;

namespace Clawker.Tests.Bundling;

/// <summary>
/// The bundled settings' <c>apiKeyHelper</c>: a path must be an executable file of the bundle
/// (CLAWKER3005, naming the path, nothing written); what cannot be checked is a CLAWKER3006
/// warning in <see cref="BundleResult.Findings"/> that shows only the program, never its arguments.
/// </summary>
public sealed class BundleApiKeyHelperTests : IDisposable
{
    private const string Script = "#!/bin/sh\necho \"$KEY\"\n";
    private readonly TempDirectory _temp = TempBundle.New();

    public void Dispose() => _temp.Dispose();

    private string Input(string name, string text) => _temp.Input(name, text);

    private BundleOptions Options(string helper, Dictionary<string, string>? extra = null, bool dockerfile = false)
    {
        var overrides = new Dictionary<string, string>
        {
            [AssetNames.Settings] = Input("settings.json", System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["apiKeyHelper"] = helper })),
        };
        if (dockerfile)
        {
            overrides[AssetNames.Dockerfile] = Input("Dockerfile", "FROM scratch\nCOPY . /\n");
        }

        return _temp.WithFiles(overrides, extra);
    }

    private BundleException Refused(BundleOptions options)
    {
        var error = _temp.Refused(options, BundleErrorKind.ApiKeyHelperNotInBundle);
        error.Code.ShouldBe(ErrorCodes.ApiKeyHelperNotInBundle);
        error.Message.ShouldStartWith("The bundled Claude Code settings file home/claude/.claude-init/settings.json sets apiKeyHelper to ");
        return error;
    }

    [Theory]
    [InlineData("/home/claude/bin/key-helper.sh", "home/claude/bin/key-helper.sh")]
    [InlineData("~/bin/key-helper --profile ci", "home/claude/bin/key-helper")]
    [InlineData("$HOME/bin/key-helper", "home/claude/bin/key-helper")]
    [InlineData("${HOME}/bin/key-helper", "home/claude/bin/key-helper")]
    [InlineData("/home/claude/../claude/./bin//key-helper", "home/claude/bin/key-helper")]
    [InlineData("~/.claude/key-helper.sh", "home/claude/.claude-init/key-helper.sh")]
    [InlineData("~/.claude/key-helper.sh", "home/claude/.claude/key-helper.sh")]
    public void A_helper_path_the_bundle_holds_as_an_executable_passes_without_findings(string helper, string contextPath)
    {
        var result = ImageBundler.Bundle(Options(helper, new() { [contextPath] = Input("helper", Script) }), TestContext.Current.CancellationToken);

        result.Findings.ShouldBeEmpty();
        result.Files.ShouldContain(f => f.Path == contextPath && f.Mode == ContextEntry.ScriptMode);
    }

    [Theory]
    [InlineData("/home/claude/bin/key-helper.sh", "/home/claude/bin/key-helper.sh")]
    [InlineData("~/bin/missing --flag sk-ant-api03-SECRETARG", "~/bin/missing")]
    public void A_helper_path_missing_from_the_bundle_is_CLAWKER3005_naming_the_path(string helper, string shown)
    {
        var error = Refused(Options(helper));

        error.Message.ShouldContain($"sets apiKeyHelper to {shown}, which is not a file of the bundle (looked for home/claude/");
        error.Path.ShouldBe(shown);
        error.Message.ShouldNotContain("SECRETARG");
    }

    [Fact]
    public void A_helper_in_the_bundle_without_an_executable_mode_is_CLAWKER3005_with_its_mode()
    {
        var error = Refused(Options("~/bin/key-helper", new() { ["home/claude/bin/key-helper"] = Input("helper", "echo no shebang\n") }));

        error.Message.ShouldContain("is in the bundle as home/claude/bin/key-helper with mode 0644, not executable");
    }

    [Fact]
    public void A_helper_path_that_is_a_folder_of_the_bundle_is_CLAWKER3005()
    {
        Refused(Options("~/.claude")).Message.ShouldContain("is a folder of the bundle (home/claude/.claude/)");
    }

    [Fact]
    public void A_helper_outside_home_is_not_put_into_the_image_by_the_built_in_Dockerfile_CLAWKER3005_even_when_the_context_has_it()
    {
        var error = Refused(Options("/usr/local/bin/key-helper", new() { ["usr/local/bin/key-helper"] = Input("helper", Script) }));

        error.Message.ShouldContain("/usr/local/bin/key-helper, which is not a file the bundle puts into the image (the built-in Dockerfile copies only home/ to /home/)");
    }

    [Theory]
    [InlineData("aws-key-helper --profile sk-ant-api03-SECRETARG", "run aws-key-helper, which is a command looked up on the agent's PATH")]
    [InlineData("echo sk-ant-api03-SECRETARG", "run echo, which is a command looked up on the agent's PATH")]
    [InlineData("bin/helper.sh", "run bin/helper.sh, which is a relative path")]
    [InlineData("$KEY_HELPER", "run $KEY_HELPER, which holds shell syntax")]
    [InlineData("\"/home/claude/my helper.sh\"", "run \"/home/claude/my, which holds shell syntax")]
    [InlineData("~other/helper", "run ~other/helper, which holds shell syntax")]
    [InlineData("KEY=1 /home/claude/h", "run a NAME=value assignment (5 characters, not shown: it may hold a key), which holds shell syntax")]
    [InlineData("ANTHROPIC_API_KEY=sk-ant-api03-SECRETARG claude-helper", "run a NAME=value assignment (40 characters, not shown: it may hold a key), which holds shell syntax")]
    [InlineData("sk-ant-api03-SECRETARG", "run a word that looks like an Anthropic key (22 characters, not shown), which is a command looked up")]
    public void A_helper_the_bundle_cannot_check_is_a_CLAWKER3006_warning_showing_only_the_program(string helper, string expected)
    {
        var result = ImageBundler.Bundle(Options(helper), TestContext.Current.CancellationToken);

        var finding = result.Findings.ShouldHaveSingleItem();
        finding.Policy.ShouldBe(ClawkerPolicy.Warning);
        finding.Code.ShouldBe(ErrorCodes.ApiKeyHelperUnchecked);
        finding.Message.ShouldContain("home/claude/.claude-init/settings.json sets apiKeyHelper to " + expected);
        finding.ToString().ShouldNotContain("SECRETARG");
        Directory.Exists(result.ContextDirectory).ShouldBeTrue("a warning does not stop the bundle");
    }

    [Fact]
    public void With_a_Dockerfile_override_a_path_outside_the_context_is_a_warning_and_one_inside_is_checked()
    {
        var outside = ImageBundler.Bundle(Options("/usr/bin/key-helper", dockerfile: true), TestContext.Current.CancellationToken);
        outside.Findings.ShouldHaveSingleItem().Message.ShouldContain("the Dockerfile override decides what the image holds");

        Refused(Options("/opt/key-helper", new() { ["opt/key-helper"] = Input("helper", "plain\n") }, dockerfile: true))
            .Message.ShouldContain("is in the bundle as opt/key-helper with mode 0644");
    }

    [Fact]
    public void The_warning_comes_back_on_a_rebundle_that_writes_nothing()
    {
        var options = Options("op read op://vault/key");
        ImageBundler.Bundle(options, TestContext.Current.CancellationToken);

        var again = ImageBundler.Bundle(options, TestContext.Current.CancellationToken);

        again.FilesWritten.ShouldBe(0);
        again.Findings.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.ApiKeyHelperUnchecked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_helper_is_no_helper(string helper)
    {
        ImageBundler.Bundle(Options(helper), TestContext.Current.CancellationToken).Findings.ShouldBeEmpty();
    }
}
