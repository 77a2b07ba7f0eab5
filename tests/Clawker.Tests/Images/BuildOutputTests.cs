using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Clawker.Tests.Images;

/// <summary>Unit tests of reading the build message stream and classifying failures (no engine).</summary>
public sealed class BuildOutputTests
{
    private static readonly AgentImageReference Image = AgentImageReference.From("clawker-demo:sha-0123456789ab", new string('a', 64));

    [Fact]
    public void Stream_lines_are_forwarded_in_order_and_the_step_and_its_output_are_remembered()
    {
        var lines = new LineCollector();
        var output = new BuildOutput(lines);

        output.Report(new JSONMessage { Stream = "Step 1/2 : FROM base\n" });
        output.Report(new JSONMessage { Stream = "\n" });
        output.Report(new JSONMessage { Stream = "Step 2/2 : RUN make\n" });
        output.Report(new JSONMessage { Stream = "compiling\nlinking\n" });
        output.Report(new JSONMessage { Error = new JSONError { Message = "The command '/bin/sh -c make' returned a non-zero code: 2" } });

        lines.Lines.ShouldBe(["Step 1/2 : FROM base", "Step 2/2 : RUN make", "compiling", "linking", "error: The command '/bin/sh -c make' returned a non-zero code: 2"]);
        output.CurrentStep.ShouldBe("Step 2/2 : RUN make");
        output.StepOutput.ShouldBe(["compiling", "linking"]);
        output.Error.ShouldBe("The command '/bin/sh -c make' returned a non-zero code: 2");
    }

    [Fact]
    public void Terminal_escape_sequences_in_classic_build_output_are_dropped_or_escaped()
    {
        var lines = new LineCollector();
        var output = new BuildOutput(lines);
        string[] chunks = ["Step 1/1 : RUN \u001b[1mmake\u001b[m\n", "50%\r100% \u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\ \u0008\u0000\n"];

        Array.ForEach(chunks, chunk => output.Report(new JSONMessage { Stream = chunk }));

        lines.Lines.ShouldBe(["Step 1/1 : RUN make", "50% 100% link \\x08\\x00"]);
        (output.CurrentStep, output.StepOutput.Single()).ShouldBe(("Step 1/1 : RUN make", "50% 100% link \\x08\\x00"));
    }

    [Fact]
    public void A_line_split_across_stream_messages_is_reported_once_whole()
    {
        var lines = new LineCollector();
        var output = new BuildOutput(lines);

        // The engine wraps each write of a step's process, so lines arrive in arbitrary pieces.
        output.Report(new JSONMessage { Stream = "Step 2/2 : RU" });
        output.Report(new JSONMessage { Stream = "N make\r\ncomp" });
        output.Report(new JSONMessage { Stream = "iling\nlink" });
        output.Report(new JSONMessage { Stream = "ing" });
        output.Report(new JSONMessage { Error = new JSONError { Message = "make: *** [all] Error 2" } });

        lines.Lines.ShouldBe(["Step 2/2 : RUN make", "compiling", "linking", "error: make: *** [all] Error 2"]);
        output.CurrentStep.ShouldBe("Step 2/2 : RUN make");
        output.StepOutput.ShouldBe(["compiling", "linking"]);
    }

    [Fact]
    public void Complete_reports_a_last_line_without_a_newline_once()
    {
        var lines = new LineCollector();
        var output = new BuildOutput(lines);
        output.Report(new JSONMessage { Stream = "Successfully built 0123456789ab\nSuccessfully tagged x:1" });

        output.Complete();
        output.Complete();

        lines.Lines.ShouldBe(["Successfully built 0123456789ab", "Successfully tagged x:1"]);
    }

    [Fact]
    public void The_aux_message_gives_the_image_id()
    {
        var output = new BuildOutput(null);
        var aux = new ObjectExtensionData { ExtensionData = new Dictionary<string, object> { ["ID"] = System.Text.Json.JsonSerializer.SerializeToElement("sha256:abc") } };

        output.Report(new JSONMessage { Aux = aux });

        output.ImageId.ShouldBe("sha256:abc");
    }

    [Fact]
    public void A_failed_FROM_step_names_the_base_image_and_how_to_fix_it()
    {
        var output = new BuildOutput(null);
        output.Report(new JSONMessage { Stream = "Step 1/5 : FROM --platform=linux/amd64 node:22-bookworm-slim AS base\n" });
        output.Report(new JSONMessage { Error = new JSONError { Message = "pull access denied for node" } });

        var error = BuildFailures.StepFailed(Image, output, "unix:///run/docker.sock");

        error.Code.ShouldBe(ErrorCodes.ImageBuildFailed);
        error.Message.ShouldContain("the base image 'node:22-bookworm-slim' is not on that engine");
        error.Message.ShouldContain("pull access denied for node");
        error.Message.ShouldContain("unix:///run/docker.sock");
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "page not found", ErrorCodes.ImageBuilderUnavailable)]
    [InlineData(HttpStatusCode.NotImplemented, "build is not available", ErrorCodes.ImageBuilderUnavailable)]
    [InlineData(HttpStatusCode.BadRequest, "BuildKit is required for this build", ErrorCodes.ImageBuilderUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError, "Cannot locate specified Dockerfile: Dockerfile", ErrorCodes.ImageBuildFailed)]
    public void A_refused_build_request_is_4002_only_when_the_engine_cannot_build(HttpStatusCode status, string message, string code)
    {
        var refused = new DockerApiException(status, $$"""{"message":"{{message}}"}""");

        var error = BuildFailures.RequestRefused(Image, refused, "tcp://engine:2375");

        error.Code.ShouldBe(code);
        error.EngineMessage.ShouldBe(message);
        error.Message.ShouldContain("tcp://engine:2375");
    }

    [Theory]
    [InlineData("clawker-demo:latest")]
    [InlineData("demo:sha-0123456789ab")]
    [InlineData("clawker-:sha-0123")]
    public void Tags_that_are_not_agent_image_tags_are_rejected(string tag) =>
        Should.Throw<ArgumentException>(() => AgentImageReference.From(tag, "abc"));

    [Fact]
    public void Reference_derives_latest_tag_project_and_labels()
    {
        Image.LatestTag.ShouldBe("clawker-demo:latest");
        Image.Project.ShouldBe("demo");
        Image.Labels.ShouldBe(new Dictionary<string, string>
        {
            ["com.clawker.managed"] = "true",
            ["com.clawker.project"] = "demo",
            ["com.clawker.content-hash"] = new string('a', 64),
        }, ignoreOrder: true);
    }
}
