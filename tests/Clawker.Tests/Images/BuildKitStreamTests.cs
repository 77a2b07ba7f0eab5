using System.Text;
using System.Text.Json;
using Clawker.Docker;
using Clawker.Images;
using Clawker.Images.BuildKit;
using Clawker.Tests.Infrastructure;
using Google.Protobuf;

namespace Clawker.Tests.Images;

/// <summary>
/// BuildKit's status stream read from crafted <c>moby.buildkit.trace</c> payloads (protobuf
/// written field by field, as control.proto numbers them): the lines people read, the failure
/// report, and hostile payloads that must end bounded and coded.
/// </summary>
public sealed class BuildKitStreamTests
{
    private static readonly AgentImageReference Image = AgentImageReference.From("clawker-demo:sha-0123456789ab", new string('a', 64));
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Steps_get_a_start_line_an_end_line_with_their_time_or_CACHED_and_their_output_indented_between()
    {
        var lines = new LineCollector();
        var output = new BuildOutput(lines);

        output.Report(Trace(Vertex("sha256:a", "[1/3] FROM docker.io/library/base:1", cached: true)));
        output.Report(Trace(Vertex("sha256:b", "[2/3] COPY . /app", started: T0)));
        output.Report(Trace(Vertex("sha256:b", "[2/3] COPY . /app", started: T0, completed: T0.AddMilliseconds(400))));
        output.Report(Trace(Vertex("sha256:c", "[3/3] RUN make", started: T0)));
        output.Report(Trace(logs: [Log("sha256:c", "compil"), Log("sha256:c", "ing\nlinking\n")]));
        output.Report(Trace(Vertex("sha256:c", "[3/3] RUN make", started: T0, completed: T0.AddSeconds(2.2))));
        output.Report(Json("""{"id":"moby.image.id","aux":{"ID":"sha256:0123456789abcdef"}}"""));
        output.Complete();

        lines.Lines.ShouldBe([
            "[1/3] FROM docker.io/library/base:1 CACHED",
            "[2/3] COPY . /app",
            "[2/3] COPY . /app 0.4s",
            "[3/3] RUN make",
            "  compiling",
            "  linking",
            "[3/3] RUN make 2.2s",
        ]);
        output.SawBuildKit.ShouldBeTrue();
        output.ImageId.ShouldBe("sha256:0123456789abcdef");
        output.Error.ShouldBeNull();
    }

    [Fact]
    public void A_failing_step_is_CLAWKER4001_with_its_name_and_last_output_not_the_steps_cancelled_after_it()
    {
        var output = new BuildOutput(null);
        output.Report(Trace(Vertex("sha256:x", "[2/3] RUN npm install", started: T0), Vertex("sha256:y", "[internal] load cache", started: T0)));
        output.Report(Trace(logs: [Log("sha256:x", "npm ERR! 404 Not Found\nnpm ERR! last words")]));
        output.Report(Trace(Vertex("sha256:y", "[internal] load cache", started: T0, completed: T0.AddSeconds(1), error: "context canceled")));
        output.Report(Trace(Vertex("sha256:x", "[2/3] RUN npm install", started: T0, completed: T0.AddSeconds(1), error: "process \"/bin/sh -c npm install\" did not complete successfully: exit code: 1")));
        output.Report(Json("""{"error":"executor failed running [/bin/sh -c npm install]: exit code: 1"}"""));
        output.Complete();

        var error = BuildFailures.StepFailed(Image, output, "unix:///x.sock");

        error.Code.ShouldBe("CLAWKER4001");
        error.FailedStep.ShouldBe("[2/3] RUN npm install");
        error.Message.ShouldContainAll("at \"[2/3] RUN npm install\"", "npm ERR! 404 Not Found", "npm ERR! last words");
        error.EngineMessage.ShouldBe("executor failed running [/bin/sh -c npm install]: exit code: 1");
    }

    [Fact]
    public void Terminal_escape_sequences_in_step_names_output_and_errors_never_reach_the_log_raw()
    {
        var lines = new LineCollector();
        var output = new BuildOutput(lines);

        output.Report(Trace(Vertex("sha256:e", "[1/1] RUN \u001b]0;pwned\u0007echo", started: T0)));
        output.Report(Trace(logs: [Log("sha256:e", "\u001b[31mred\u001b[0m \u001b[2J\u001b[Hcleared\u0007 \u202eevil\u001bc\n")]));
        output.Report(Trace(Vertex("sha256:e", "[1/1] RUN \u001b]0;pwned\u0007echo", started: T0, completed: T0.AddSeconds(1), error: "exit \u001b[1;33m1\u009b")));
        output.Complete();

        lines.Lines.ShouldBe([
            "[1/1] RUN echo",
            "  red cleared\\x07 \\u202Eevil\\x1Bc",
            "[1/1] RUN echo ERROR: exit 1\\x9B",
        ]);
        lines.Lines.ShouldAllBe(l => !l.Any(c => char.IsControl(c)));
        BuildFailures.StepFailed(Image, output, "unix:///x.sock").Message.ShouldNotContain("\u001b");
    }

    [Fact]
    public void A_BuildKit_base_image_failure_names_the_image()
    {
        BuildFailures.BaseImageOf("[internal] load metadata for docker.io/library/nope:1").ShouldBe("docker.io/library/nope:1");
        BuildFailures.BaseImageOf("[1/2] FROM docker.io/library/nope:1@sha256:00").ShouldBe("docker.io/library/nope:1@sha256:00");
        BuildFailures.BaseImageOf("STEP 1/2: FROM localhost/nope:1").ShouldBe("localhost/nope:1");
        BuildFailures.BaseImageOf("[2/2] RUN make").ShouldBeNull();
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("CgM=")]                 // a vertex whose bytes end after its tag and length
    [InlineData("Dw==")]                 // wire type 7, which protobuf does not have
    [InlineData("Cv////8P")]             // a length far past the end
    public void Garbage_or_truncated_payloads_are_an_engine_answer_error_naming_no_content(string aux)
    {
        var output = new BuildOutput(null);

        var error = Should.Throw<EngineAnswerException>(() => output.Report(Json($$"""{"id":"moby.buildkit.trace","aux":"{{aux}}"}""")));

        error.Problem.ShouldContain("not base64 protobuf");
        error.Message.ShouldNotContain(aux);
    }

    [Fact]
    public void Fields_of_an_unexpected_wire_type_are_skipped_not_misread()
    {
        // Vertex with "cached" (4) sent as a string and "name" (3) sent as a varint.
        var vertex = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("sha256:w");
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString("yes");
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteInt64(7);
            o.WriteTag(99, WireFormat.WireType.Fixed64);
            o.WriteFixed64(1);
        });

        var status = BuildKitStatus.Decode(Message(o => { o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(vertex)); }));

        var decoded = status.Vertexes.ShouldHaveSingleItem();
        decoded.Digest.ShouldBe("sha256:w");
        decoded.Cached.ShouldBeFalse();
        decoded.Name.ShouldBe(string.Empty);
    }

    [Fact]
    public void Huge_names_endless_lines_and_endless_steps_stay_bounded()
    {
        var lines = new LineCollector();
        var output = new BuildOutput(lines);
        var huge = new string('n', 500_000);

        output.Report(Trace(Vertex("sha256:h", huge, started: T0)));
        for (var i = 0; i < 50; i++)
        {
            // One line that never ends, 50 x 20,000 characters.
            output.Report(Trace(logs: [Log("sha256:h", new string('x', 20_000))]));
        }

        for (var i = 0; i < BuildKitProgress.MaxSteps + 500; i++)
        {
            output.Report(Trace(Vertex($"sha256:{i}", $"[{i}] step", started: T0)));
        }

        output.Report(Trace(Vertex("sha256:h", huge, started: T0, completed: T0.AddSeconds(1), error: new string('e', 100_000))));
        output.Complete();

        lines.Lines.ShouldAllBe(l => l.Length <= 2300);
        lines.Lines.Count(l => l.EndsWith("] step", StringComparison.Ordinal)).ShouldBe(BuildKitProgress.MaxSteps - 1);
        lines.Lines.Count(l => l.StartsWith("  xxx", StringComparison.Ordinal)).ShouldBe(500);
        output.CurrentStep.ShouldNotBeNull().Length.ShouldBeLessThanOrEqualTo(243);
        output.StepOutput.Count.ShouldBeLessThanOrEqualTo(20);
        output.StepOutput.ShouldAllBe(l => l.Length <= 243);
    }

    [Theory]
    [InlineData("2", "linux", ImageBuilderKind.BuildKit)]
    [InlineData("1", "linux", ImageBuilderKind.Classic)]
    [InlineData("", "linux", ImageBuilderKind.BuildKit)]
    [InlineData("", "", ImageBuilderKind.BuildKit)]
    [InlineData("", "windows", ImageBuilderKind.Classic)]
    [InlineData("2", "windows", ImageBuilderKind.BuildKit)]
    public void Auto_follows_the_engines_ping(string builderVersion, string osType, ImageBuilderKind expected) =>
        BuilderChoice.Choose(builderVersion, osType).ShouldBe(expected);

    private static JsonElement Trace(params byte[][] vertexes) => Trace(vertexes, []);

    private static JsonElement Trace(byte[][]? vertexes = null, byte[][]? logs = null)
    {
        var payload = Message(o =>
        {
            foreach (var v in vertexes ?? [])
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(ByteString.CopyFrom(v));
            }

            foreach (var l in logs ?? [])
            {
                o.WriteTag(3, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(ByteString.CopyFrom(l));
            }
        });
        return Json(JsonSerializer.Serialize(new { id = "moby.buildkit.trace", aux = Convert.ToBase64String(payload) }));
    }

    private static byte[] Vertex(string digest, string name, bool cached = false, DateTimeOffset? started = null, DateTimeOffset? completed = null, string? error = null) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(digest);
        o.WriteTag(3, WireFormat.WireType.LengthDelimited);
        o.WriteString(name);
        if (cached)
        {
            o.WriteTag(4, WireFormat.WireType.Varint);
            o.WriteBool(true);
        }

        foreach (var (field, time) in new[] { (5, started), (6, completed) })
        {
            if (time is { } t)
            {
                o.WriteTag(field, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(ByteString.CopyFrom(Message(ts =>
                {
                    ts.WriteTag(1, WireFormat.WireType.Varint);
                    ts.WriteInt64(t.ToUnixTimeSeconds());
                    ts.WriteTag(2, WireFormat.WireType.Varint);
                    ts.WriteInt32((int)(t.Ticks % TimeSpan.TicksPerSecond * 100));
                })));
            }
        }

        if (error is not null)
        {
            o.WriteTag(7, WireFormat.WireType.LengthDelimited);
            o.WriteString(error);
        }
    });

    private static byte[] Log(string vertex, string text) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(vertex);
        o.WriteTag(3, WireFormat.WireType.Varint);
        o.WriteInt64(1);
        o.WriteTag(4, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(Encoding.UTF8.GetBytes(text)));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
