using System.Security.Cryptography;

namespace Clawker.Tests.Docker;

/// <summary>
/// docker's config.json (registry <c>auth</c> values) and a context's meta.json, malformed or not
/// a readable regular file: a bounded CLAWKER2001 naming the file and the reason, never its content.
/// </summary>
public sealed class DockerConfigSafetyTests : IDisposable
{
    // base64 of "user:KNOWN-PASSWORD-123", as `docker login` stores it.
    private const string Auth = "dXNlcjpLTk9XTi1QQVNTV09SRC0xMjM=";
    private const string Context = "remote";

    private readonly TempDirectory _home = new("clawker-home-");

    public void Dispose() => _home.Dispose();

    private string DockerConfig => _home.Combine(".docker");

    private string ConfigFile => Path.Combine(DockerConfig, "config.json");

    private string MetaFile => Path.Combine(DockerConfig, "contexts", "meta",
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Context))).ToLowerInvariant(), "meta.json");

    // AUTH stands for the known auth value. The glued literals are the shapes whose reader message
    // quotes the whole rest of the line ("'fdXNl…' is an invalid JSON literal").
    private static readonly string[] Shapes =
    [
        """{"auths":{"r.example":{"auth":fAUTH}}}""",                 // glued to a 'false'
        """{"auths":{"r.example":{"auth":tAUTH}}}""",                 // glued to a 'true'
        """{"auths":{"r.example":{"auth":nAUTH}}}""",                 // glued to a 'null'
        """{"auths":{"r.example":{"auth":"AUTH"}},}""",               // trailing comma
        """{"auths":{"r.example":{"auth":AUTH}}}""",                  // unquoted value
        """{"auths":{"r.example":{"auth":"AUTH"}}}}""",               // trailing garbage
        """{"auths":{"r.example":{"auth":"AUTH""",                    // unterminated string
        """{'auths':{'r.example':{'auth':'AUTH'}}}""",                // single quotes
        """{"auths":{"r.example":{"auth":"AUTH" "x":1}}}""",          // missing comma
        """{"auths":{"r.example":{"auth":"AUTH\q"}}}""",              // invalid escape
        "{\"auths\":{\"r.example\":{\"auth\":\"AUTH\n\"}}}",          // raw line break in a string
        "{\"auths\":{\"r.example\":{\"auth\":\"AUTH\0\"}}}",          // NUL in a string
        "{\"auths\":{\"r.example\":{\"auth\":\"AUTH\"}},\"x\":" + new string('[', 10_000), // 10,000 levels
    ];

    public static TheoryData<string, string> Malformed()
    {
        var rows = new TheoryData<string, string>();
        foreach (var file in new[] { "config.json", "meta.json" })
        {
            foreach (var shape in Shapes)
            {
                rows.Add(file, shape.Replace("AUTH", Auth, StringComparison.Ordinal));
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_known_auth_inside_malformed_JSON_never_appears_in_the_error(string file, string content)
    {
        var path = Arrange(file);
        File.WriteAllText(path, content);

        var error = Unreachable();

        error.Message.ShouldContainAll(path, "not valid JSON (line ");
    }

    [Theory]
    [InlineData("config.json")]
    [InlineData("meta.json")]
    public void Invalid_UTF8_is_refused_with_its_offset_only(string file)
    {
        var path = Arrange(file);
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("{\"auths\":{\"r\":{\"auth\":\"" + Auth), 0xFF, .. "\"}}}"u8]);

        var error = Unreachable();

        error.Message.ShouldContain($"not valid UTF-8 text (at byte {23 + Auth.Length})");
    }

    [Theory]
    [InlineData("config.json", "\\ud800")]  // a lone high surrogate
    [InlineData("config.json", "\\udc00")]  // a lone low surrogate
    [InlineData("meta.json", "\\ud800")]
    public void A_string_that_is_not_valid_Unicode_is_CLAWKER2001_not_a_raw_exception(string file, string escape)
    {
        // Valid JSON to the reader; only reading the string as text fails (InvalidOperationException).
        var path = Arrange(file);
        File.WriteAllText(path, file == "config.json"
            ? $$$"""{"auths":{"r.example":{"auth":"{{{Auth}}}"}},"currentContext":"{{{escape}}}{{{Auth}}}"}"""
            : "{\"Endpoints\":{\"docker\":{\"Host\":\"" + escape + Auth + "\"}}}");

        var error = Unreachable();

        error.Message.ShouldContainAll(path, "not valid Unicode");
    }

    [Theory]
    [InlineData("huge")]
    [InlineData("control")]
    [InlineData("path")]
    public void A_context_name_docker_would_refuse_is_CLAWKER2001_and_never_quoted(string shape)
    {
        var name = shape switch
        {
            "huge" => new string('a', 100_000) + Auth,
            "control" => "ctx\\u001b[31m" + Auth,
            _ => "../../" + Auth,
        };
        Directory.CreateDirectory(DockerConfig);
        File.WriteAllText(ConfigFile, $$$"""{"currentContext":"{{{name}}}"}""");

        var error = Unreachable();

        error.Message.ShouldContain("not a valid context name");
        error.Message.Length.ShouldBeLessThan(1000);
    }

    public static TheoryData<string, string> NotReadable() => HostileFiles.Cases("config.json", "meta.json");

    [Theory]
    [MemberData(nameof(NotReadable))]
    public async Task A_fifo_device_folder_or_huge_file_is_a_bounded_coded_error(string file, string shape)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs and /dev/zero are Unix");
        var path = Arrange(file);
        HostileFiles.Place(path, shape);

        var clock = Stopwatch.StartNew();
        // Bounded here as well: before the fix a FIFO blocked this read forever.
        var error = await Should.ThrowAsync<DockerEngineException>(
            Task.Run(() => Resolve(), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).OfKind(DockerEngineErrorKind.Unreachable);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        error.Message.ShouldContain(path);
        error.Message.ShouldContain(shape switch
        {
            "fifo" => "named pipe (FIFO)",
            "folder" => "a folder",
            "dev-zero" => "character device",
            _ => "larger than",
        });
    }

    /// <summary>
    /// Run as nobody (the child of <see cref="AsNobody.RunAsync"/>): resolving is CLAWKER2001, permission
    /// denied naming the file and the fix, leaking nothing; false. Outside: true when the test can go on to arrange.
    /// </summary>
    [SupportedOSPlatformGuard("linux")]
    private bool DeniedAsNobodyOrArrange()
    {
        if (AsNobody.Inside)
        {
            var path = Environment.GetEnvironmentVariable("CLAWKER_TEST_FILE")!;
            var error = Should.Throw<DockerEngineException>(() => Resolve(Environment.GetEnvironmentVariable("CLAWKER_TEST_HOME")!)).OfKind(DockerEngineErrorKind.Unreachable);
            error.Message.ShouldContainAll($"{path} cannot be used: permission denied", "chown");
            ShouldNotLeak(error);
            return false;
        }

        return AsNobody.CanRun();
    }

    [Theory]
    [InlineData("config.json")]
    [InlineData("meta.json")]
    public async Task An_unreadable_file_as_after_sudo_docker_is_CLAWKER2001_naming_it(string file)
    {
        if (!DeniedAsNobodyOrArrange())
        {
            return;
        }

        var target = Arrange(file);
        File.WriteAllText(target, $$$"""{"auths":{"r.example":{"auth":"{{{Auth}}}"}},"currentContext":"{{{Context}}}"}""");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite); // 0600, root's: as `sudo docker login` leaves it
        foreach (var dir in new[] { _home.Path, DockerConfig, Path.GetDirectoryName(MetaFile)! })
        {
            for (var d = dir; d.Length >= _home.Path.Length; d = Path.GetDirectoryName(d)!)
            {
                File.SetUnixFileMode(d, (UnixFileMode)0x1ED); // 0755: searchable by nobody
            }
        }

        await AsNobody.RunAsync($"{typeof(DockerConfigSafetyTests).FullName}.{nameof(An_unreadable_file_as_after_sudo_docker_is_CLAWKER2001_naming_it)}",
            new Dictionary<string, string> { ["CLAWKER_TEST_FILE"] = target, ["CLAWKER_TEST_HOME"] = _home.Path });
    }

    [Fact]
    public async Task A_docker_folder_nobody_can_search_as_after_sudo_docker_is_permission_denied_naming_the_fix()
    {
        if (!DeniedAsNobodyOrArrange())
        {
            return;
        }

        // `sudo docker login` with the user's HOME creates ~/.docker as root, mode 0700: the file itself cannot even be examined.
        var target = Arrange("config.json");
        File.WriteAllText(target, $$$"""{"auths":{"r.example":{"auth":"{{{Auth}}}"}},"currentContext":"{{{Context}}}"}""");
        File.SetUnixFileMode(_home.Path, (UnixFileMode)0x1ED); // 0755
        File.SetUnixFileMode(DockerConfig, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // 0700
        await AsNobody.RunAsync($"{typeof(DockerConfigSafetyTests).FullName}.{nameof(A_docker_folder_nobody_can_search_as_after_sudo_docker_is_permission_denied_naming_the_fix)}",
            new Dictionary<string, string> { ["CLAWKER_TEST_FILE"] = target, ["CLAWKER_TEST_HOME"] = _home.Path });
    }

    /// <summary>The file's path, with the other file in place and valid so that <paramref name="file"/> is the one read.</summary>
    private string Arrange(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(MetaFile)!);
        if (file == "meta.json")
        {
            File.WriteAllText(ConfigFile, $$"""{"currentContext":"{{Context}}"}""");
            return MetaFile;
        }

        return ConfigFile;
    }

    /// <summary>Resolving fails as CLAWKER2001 (unreachable), and no known secret is in the error.</summary>
    private DockerEngineException Unreachable()
    {
        var error = Should.Throw<DockerEngineException>(() => Resolve()).OfKind(DockerEngineErrorKind.Unreachable);
        error.Code.ShouldBe("CLAWKER2001");
        ShouldNotLeak(error);
        return error;
    }

    private DockerEndpoint Resolve(string? home = null)
    {
        home ??= _home.Path;
        return DockerEndpointResolver.Resolve(new DockerEndpointOptions
        {
            Environment = ClawkerEnvironment.FromValues(new Dictionary<string, string>(), home, "user"),
        });
    }

    private static void ShouldNotLeak(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            foreach (var text in new[] { e.Message, e.ToString(), (e as Clawker.Diagnostics.ClawkerException)?.CodedMessage ?? "" })
            {
                text.ShouldNotContain(Auth);
                text.ShouldNotContain(Auth[..12]);
                text.ShouldNotContain("KNOWN-PASSWORD");
            }
        }
    }
}
