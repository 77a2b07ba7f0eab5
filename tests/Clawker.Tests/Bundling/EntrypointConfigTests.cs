namespace Clawker.Tests.Bundling;

/// <summary>The entrypoint's config defaults: ~/.claude-init copied when missing, settings.json merged.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class EntrypointConfigTests
{
    [Fact]
    public async Task Missing_defaults_are_copied_and_settings_merge_with_the_users_values_winning()
    {
        Integration.Require(File.Exists("/usr/bin/jq") || File.Exists("/usr/local/bin/jq"), "jq is not installed (apt-get install jq)");
        using var box = new EntrypointSandbox();
        Directory.CreateDirectory(box.InitDir);
        File.WriteAllText(Path.Combine(box.InitDir, "settings.json"), """{"a":1,"nested":{"x":1,"y":1},"list":[1,2]}""");
        File.WriteAllText(Path.Combine(box.InitDir, "statusline.sh"), "#!/bin/bash\necho status\n");
        File.SetUnixFileMode(Path.Combine(box.InitDir, "statusline.sh"), Clawker.Bundling.ContextEntry.ScriptMode);
        File.WriteAllText(Path.Combine(box.ClaudeDir, "settings.json"), """{"nested":{"y":2},"b":3,"list":[9]}""");

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        var merged = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(box.ClaudeDir, "settings.json")))!;
        merged.ToJsonString().ShouldBe("""{"a":1,"nested":{"x":1,"y":2},"list":[9],"b":3}""");
        File.ReadAllText(Path.Combine(box.ClaudeDir, "statusline.sh")).ShouldBe("#!/bin/bash\necho status\n");
        File.GetUnixFileMode(Path.Combine(box.ClaudeDir, "statusline.sh")).ShouldBe(Clawker.Bundling.ContextEntry.ScriptMode);
        run.Stdout.ShouldContain("settings=\"merged\"");

        await box.RestartShouldChangeNothingAsync(box.ClaudeDir, "a second start rewrites nothing");
    }

    [Fact]
    public async Task The_users_existing_files_other_than_settings_are_never_replaced()
    {
        using var box = new EntrypointSandbox();
        Directory.CreateDirectory(box.InitDir);
        File.WriteAllText(Path.Combine(box.InitDir, "CLAUDE.md"), "image default");
        File.WriteAllText(Path.Combine(box.ClaudeDir, "CLAUDE.md"), "mine");

        (await box.RunAsync("true")).ExitCode.ShouldBe(0);

        File.ReadAllText(Path.Combine(box.ClaudeDir, "CLAUDE.md")).ShouldBe("mine");
    }

    [Fact]
    public async Task Invalid_user_settings_are_kept_unchanged_with_a_warning()
    {
        Integration.Require(File.Exists("/usr/bin/jq") || File.Exists("/usr/local/bin/jq"), "jq is not installed (apt-get install jq)");
        using var box = new EntrypointSandbox();
        Directory.CreateDirectory(box.InitDir);
        File.WriteAllText(Path.Combine(box.InitDir, "settings.json"), """{"a":1}""");
        File.WriteAllText(Path.Combine(box.ClaudeDir, "settings.json"), "{ not json");

        var run = await box.RunAsync("true");

        run.ExitCode.ShouldBe(0, run.ToString());
        File.ReadAllText(Path.Combine(box.ClaudeDir, "settings.json")).ShouldBe("{ not json");
        run.Stderr.ShouldContain("[clawker] warning component=config");
    }

    [Fact]
    public async Task On_a_busybox_only_image_without_jq_settings_are_kept_and_credentials_still_migrate()
    {
        Integration.Require(File.Exists("/usr/bin/busybox") || File.Exists("/bin/busybox"), "busybox is not installed (apt-get install busybox-static)");
        using var box = new EntrypointSandbox();
        var busybox = File.Exists("/usr/bin/busybox") ? "/usr/bin/busybox" : "/bin/busybox";
        var tools = Path.Combine(box.Root, "busybox-bin");
        Directory.CreateDirectory(tools);
        foreach (var applet in new[] { "cp", "mv", "ln", "rm", "mkdir", "chmod", "cmp", "mktemp", "date", "readlink", "cat", "touch", "true", "sh" })
        {
            File.CreateSymbolicLink(Path.Combine(tools, applet), busybox);
        }

        Directory.CreateDirectory(box.InitDir);
        File.WriteAllText(Path.Combine(box.InitDir, "settings.json"), """{"a":1}""");
        File.WriteAllText(Path.Combine(box.ClaudeDir, "settings.json"), """{"b":2}""");
        box.WriteLogins(local: "local", global: "global");

        var run = await box.RunWithAsync([], "/bin/bash", ["true"], box.Environment(path: $"{box.Bin}:{tools}"));

        run.ExitCode.ShouldBe(0, run.ToString());
        File.ReadAllText(Path.Combine(box.ClaudeDir, "settings.json")).ShouldBe("""{"b":2}""");
        run.Stdout.ShouldContain("settings=\"kept (no jq)\"");
        new FileInfo(box.LocalCredentials).LinkTarget.ShouldBe(box.GlobalCredentials);
        File.ReadAllText(Directory.GetFiles(box.ClaudeDir, ".credentials.json.backup-*").ShouldHaveSingleItem()).ShouldBe("local");
    }
}
