using System.Formats.Tar;
using System.Text;
using Clawker.Images;

namespace Clawker.Tests.Images;

/// <summary>Which images a Dockerfile pulls, read as the engine reads it, and how their references split (hostile FROM lines included).</summary>
public sealed class DockerfileBasesTests
{
    private static readonly Dictionary<string, string> NoArgs = [];

    [Theory]
    [InlineData("127.0.0.1:5000/team/base:1", "127.0.0.1:5000", "127.0.0.1:5000/team/base", "1")]
    [InlineData("reg.example.com/base", "reg.example.com", "reg.example.com/base", "latest")]
    [InlineData("localhost/base:v2", "localhost", "localhost/base", "v2")]
    [InlineData("[::1]:5000/base:1", "[::1]:5000", "[::1]:5000/base", "1")]
    [InlineData("node:22", null, "node", "22")]
    [InlineData("team/node", null, "team/node", "latest")]
    [InlineData("docker.io/library/node:22", "docker.io", "docker.io/library/node", "22")]
    [InlineData("Reg/base", "Reg", "Reg/base", "latest")]
    public void References_split_as_the_docker_CLI_splits_them(string reference, string? registry, string name, string tag)
    {
        var parsed = BaseImageReference.Parse(reference).ShouldNotBeNull();

        parsed.Registry.ShouldBe(registry);
        parsed.Name.ShouldBe(name);
        parsed.TagOrDigest.ShouldBe(tag);
    }

    [Fact]
    public void A_digest_wins_over_a_tag_and_Docker_Hub_has_its_credential_key()
    {
        var digest = "sha256:" + new string('a', 64);

        BaseImageReference.Parse($"reg.example.com/base:1@{digest}").ShouldNotBeNull().TagOrDigest.ShouldBe(digest);
        BaseImageReference.Parse("docker.io/library/node").ShouldNotBeNull().CredentialKey.ShouldBe("https://index.docker.io/v1/");
        BaseImageReference.Parse("node").ShouldNotBeNull().CredentialKey.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Node:22")]
    [InlineData("reg.example.com/Team/base")]
    [InlineData("reg.example.com/base:")]
    [InlineData("reg.example.com/base@sha256:abc")]
    [InlineData("reg.example.com/base:1 AS x")]
    [InlineData("reg.example.com/../base")]
    [InlineData("-reg.example.com/base")]
    [InlineData("reg.example.com/base\n")]
    [InlineData("${BASE}")]
    public void What_is_not_a_reference_does_not_parse(string reference) =>
        BaseImageReference.Parse(reference).ShouldBeNull();

    [Fact]
    public void A_very_long_reference_does_not_parse_and_does_not_hang()
    {
        BaseImageReference.Parse("reg.example.com/" + string.Join('/', Enumerable.Repeat("a", 200))).ShouldBeNull();
        BaseImageReference.Parse("reg.example.com/" + new string('a', 100_000)).ShouldBeNull();
        BaseImageReference.Parse(new string('a', 5000) + "!").ShouldBeNull();
        // Within the length bound, shapes that make a backtracking matcher work hard.
        foreach (var hard in new[] { new string('a', 340) + "!", string.Concat(Enumerable.Repeat("a-", 170)) + "!", string.Concat(Enumerable.Repeat("a.", 170)) + "/!" })
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            BaseImageReference.Parse(hard).ShouldBeNull();
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void Stages_scratch_platform_flags_and_copy_from_images()
    {
        var bases = DockerfileBases.Parse("""
            # syntax=docker/dockerfile:1
            FROM --platform=linux/arm64 reg.example.com/tools:1 AS tools
            FROM scratch AS empty
            from tools as again
            FROM reg.example.com/base:2
            COPY --from=tools /x /x
            COPY --from=0 /y /y
            COPY --chown=1:1 --from=reg.example.com/extra:3 /z /z
            COPY --from=$OTHER /w /w
            """, NoArgs, platform: "linux/amd64");

        bases.Select(b => (b.Image?.Reference, b.Platform)).ShouldBe([
            ("reg.example.com/tools:1", "linux/arm64"),
            ("reg.example.com/base:2", "linux/amd64"),
            ("reg.example.com/extra:3", "linux/amd64"),
            // podman (buildah) expands it, BuildKit refuses it: Clawker cannot name it (so Pull leaves the refresh to the engine).
            (null, "linux/amd64"),
        ]);
        bases[3].Written.ShouldBe("$OTHER");
    }

    [Fact]
    public void Global_ARGs_with_defaults_build_arguments_and_the_target_platform_resolve_FROM()
    {
        var dockerfile = """
            ARG REGISTRY=reg.example.com
            ARG "QUOTED"="ignored"
            ARG TAG="1"
            ARG UNSET
            FROM ${REGISTRY}/base:${TAG} AS one
            FROM $REGISTRY/other:${UNSET:-fallback}
            FROM --platform=$TARGETPLATFORM ${REGISTRY}/plat:${TAG:+set}
            ARG LATE=reg.example.com/late
            FROM $LATE
            """;

        var bases = DockerfileBases.Parse(dockerfile, new Dictionary<string, string> { ["TAG"] = "7" }, platform: "linux/arm64");

        bases.Select(b => b.Image?.Reference).ShouldBe(["reg.example.com/base:7", "reg.example.com/other:fallback", "reg.example.com/plat:set", null]);
        bases[2].Platform.ShouldBe("linux/arm64");
        // An ARG after the first FROM is not in scope for FROM: the engine sees an empty name and reports it.
        bases[3].Written.ShouldBe("$LATE");
    }

    [Theory]
    [InlineData("FROM ${BASE:?required}")]
    [InlineData("FROM ${BASE")]
    [InlineData("FROM ${1X}")]
    [InlineData("ARG A=$B\nFROM reg.example.com/x:${A}")]
    [InlineData("FROM reg.example.com/x:$")]
    // The engine's own platform arguments, without a platform: not guessed empty.
    [InlineData("FROM reg.example.com/img${TARGETARCH}")]
    [InlineData("ARG TARGETARCH\nFROM reg.example.com/img:1${TARGETARCH}")]
    [InlineData("FROM reg.example.com/img:1$BUILDARCH")]
    [InlineData("FROM reg.example.com/img:1${TARGETVARIANT}")]
    public void What_cannot_be_resolved_is_left_to_the_engine(string dockerfile) =>
        DockerfileBases.Parse(dockerfile, NoArgs, null).ShouldHaveSingleItem().Image.ShouldBeNull();

    [Fact]
    public void Continuations_comments_CRLF_the_escape_directive_and_a_BOM_are_read_as_the_engine_reads_them()
    {
        DockerfileBases.Parse("FROM \\\n  # a comment inside\n  reg.example.com/a:1 \\\n  AS a\r\nFROM a\r\n", NoArgs, null)
            .ShouldHaveSingleItem().Image!.Reference.ShouldBe("reg.example.com/a:1");
        DockerfileBases.Parse("# escape=`\nFROM `\n reg.example.com/b:1\nRUN dir c:\\\n", NoArgs, null)
            .ShouldHaveSingleItem().Image!.Reference.ShouldBe("reg.example.com/b:1");
        DockerfileBases.Parse("\uFEFFFROM reg.example.com/c:1\n", NoArgs, null)
            .ShouldHaveSingleItem().Image!.Reference.ShouldBe("reg.example.com/c:1");
        DockerfileBases.Parse("FROM reg.example.com/d:1\nFROM reg.example.com/d:1\n", NoArgs, null).ShouldHaveSingleItem();
        DockerfileBases.Parse(string.Empty, NoArgs, null).ShouldBeEmpty();
        DockerfileBases.Parse("FROM\n\0\0\0\nFROM --platform=x\n", NoArgs, null).ShouldBeEmpty();
    }

    [Fact]
    public void The_Dockerfile_comes_from_the_context_tar_and_a_tar_without_one_or_no_tar_gives_none()
    {
        using var work = new TempDirectory("clawker-bases-");
        var tar = work.Combine("context.tar");
        WriteTar(tar, ("other", "FROM reg.example.com/no:1\n"), ("./Dockerfile", "FROM reg.example.com/yes:1\n"));
        DockerfileBases.ReadFromTar(tar).ShouldBe("FROM reg.example.com/yes:1\n");

        WriteTar(tar, ("Dockerfile.other", "FROM x\n"));
        DockerfileBases.ReadFromTar(tar).ShouldBeNull();

        File.WriteAllText(tar, "not a tar at all, but long enough to be read as a header? no." + new string('x', 600));
        DockerfileBases.ReadFromTar(tar).ShouldBeNull();
        DockerfileBases.ReadFromTar(work.Path).ShouldBeNull();
        DockerfileBases.ReadFromTar(work.Combine("missing.tar")).ShouldBeNull();
    }

    [Fact]
    public async Task A_FIFO_as_the_context_tar_is_not_opened()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        var ct = TestContext.Current.CancellationToken;
        using var work = new TempDirectory("clawker-bases-");
        var fifo = work.Combine("context.tar");
        (await ProcessRunner.RunAsync("mkfifo", [fifo], work.Path)).ShouldSucceed();

        var read = Task.Run(() => DockerfileBases.ReadFromTar(fifo), ct);

        (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10), ct))).ShouldBe(read, "a FIFO must not block the read");
        (await read).ShouldBeNull();
    }

    [Fact]
    public void A_Dockerfile_over_the_bound_is_left_to_the_engine()
    {
        using var work = new TempDirectory("clawker-bases-");
        var tar = work.Combine("context.tar");
        WriteTar(tar, ("Dockerfile", "FROM reg.example.com/big:1\n" + new string('#', DockerfileBases.MaxDockerfileBytes)));

        DockerfileBases.ReadFromTar(tar).ShouldBeNull();
    }

    [Fact]
    public void Of_two_Dockerfile_entries_the_last_is_read_as_the_engine_extracts_it_under_any_spelling_of_its_path()
    {
        using var work = new TempDirectory("clawker-bases-");
        var tar = work.Combine("context.tar");
        foreach (var later in new[] { "Dockerfile", "./Dockerfile", "/Dockerfile", ".//Dockerfile", "././Dockerfile", "x/../Dockerfile" })
        {
            WriteTar(tar, ("Dockerfile", "FROM reg.example.com/first:1\n"), (later, "FROM reg.example.com/last:1\n"));
            DockerfileBases.ReadFromTar(tar).ShouldBe("FROM reg.example.com/last:1\n", later);
        }
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink)]
    [InlineData(TarEntryType.HardLink)]
    public void A_later_Dockerfile_entry_that_is_a_link_gives_none(TarEntryType type)
    {
        using var work = new TempDirectory("clawker-bases-");
        var tar = work.Combine("context.tar");
        using (var file = File.Create(tar))
        using (var writer = new TarWriter(file, TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("FROM reg.example.com/first:1\n")) });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "other") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("FROM reg.example.com/other:1\n")) });
            writer.WriteEntry(new UstarTarEntry(type, "./Dockerfile") { LinkName = "other" });
        }

        DockerfileBases.ReadFromTar(tar).ShouldBeNull();
    }

    [Fact]
    public void The_target_platform_arguments_come_from_the_platform_asked_for_and_a_build_argument_still_wins()
    {
        DockerfileBases.Parse("FROM reg.example.com/img:${TARGETOS}-${TARGETARCH}${TARGETVARIANT}", NoArgs, "linux/arm/v7")
            .ShouldHaveSingleItem().Image!.Reference.ShouldBe("reg.example.com/img:linux-armv7");
        DockerfileBases.Parse("ARG TARGETARCH\nFROM reg.example.com/img:${TARGETARCH}", new Dictionary<string, string> { ["TARGETARCH"] = "given" }, null)
            .ShouldHaveSingleItem().Image!.Reference.ShouldBe("reg.example.com/img:given");
    }

    private static void WriteTar(string path, params (string Name, string Content)[] entries)
    {
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Ustar);
        foreach (var (name, content) in entries)
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
        }
    }
}
